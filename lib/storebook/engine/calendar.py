"""The Chinese e-commerce calendar, as data.

One source for the whole project: the sample-store generator draws its demand peaks
from it, and the analysis modules use it to mark charts and to exclude event days
from baselines.

What it holds (2022–2027 whole, :data:`COVERED_YEARS`: 2023–2027 is the committed range;
2022 is there so a 24-month window ending in 2024 still has its calendar). Outside those
years it knows what it can vouch for, and :func:`unknown` says what it does not know:

- the festivals on a fixed month-day (:data:`FIXED_KINDS`: 38节, 618, 双11, 双12) in every
  year from the one it began in (:data:`FIRST_YEAR`), as the platforms run them today: a year
  before one began has none;
- the festivals that move with the lunar calendar (:data:`MOVING_KINDS`: the Spring
  Festival and the 年货节 before it) only in the years of :data:`SPRING_FESTIVAL` (2004–2027);
- the public holidays and 调休 in the years chinesecalendar publishes (2004–2026), and 2027
  approximated (below).

- shopping festivals: 618 (presale from May 31, peak Jun 18), 双11 (presale from
  Oct 20, peak Nov 11), 双12 (Dec 10–12, peak Dec 12), 年货节 (the ~3 weeks before
  the Spring Festival logistics shutdown), 38节 / 女王节 (Mar 1–8, peak Mar 8);
- the Spring Festival (real lunar dates) with the logistics shutdown around it
  (7 days before to 8 days after New Year's Day), kind ``spring_festival``;
- the official public holidays (放假) and the swapped working days (调休上班) as
  published by the State Council's General Office, from ``chinesecalendar`` (2022–2026
  today). A year it does not know yet (2027) is APPROXIMATED from the 2025 rules (Spring
  Festival 8 days from New Year's Eve, a Wednesday festival is a single day off) with
  NO swapped working days; upgrading chinesecalendar once the notice is out (usually
  November) replaces the approximation.

Kinds: ``618``, ``double11``, ``double12``, ``nianhuo``, ``women38``,
``spring_festival``, ``public_holiday``.

A store whose country is set to another than China (``[store] country``), or, with none set, that
does not sell in China (:func:`used_for`) gets none of that: with ``china=False``
the calendar holds only its own country's public holidays (``country=``, ISO 3166 alpha-2, kind
``public_holiday``: :func:`country_holidays`, from the ``holidays`` package, national holidays
only — no festival, no swapped working day, no shutdown). The country is the ``[store] country``
setting, else inferred where the store's currency or time zone names one country only
(:func:`infer_country`), else none: :func:`country_of` says which and why.

Example:
    >>> from datetime import date
    >>> from storebook.engine import calendar
    >>> [e.kind for e in calendar.events(date(2025, 11, 1), date(2025, 11, 30))]
    ['double11']
    >>> calendar.spring_festival(2026)
    datetime.date(2026, 2, 17)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
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
    "FIXED_KINDS",
    "FIRST_YEAR",
    "CHINA_PLATFORMS",
    "china_market",
    "used_for",
    "MOVING_KINDS",
    "unknown",
    "unknown_spans",
    "country_holidays",
    "country_known",
    "country_name",
    "infer_country",
    "country_of",
    "own_country",
    "CURRENCY_COUNTRY",
    "COUNTRY_NAMES_ZH",
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
#: Festivals on a fixed month-day: known in every year from their first (:data:`FIRST_YEAR`).
FIXED_KINDS: tuple[str, ...] = ("women38", "618", "double11", "double12")
#: The first year each fixed-date festival ran: none is placed in a year before it (a 2008
#: history has no 双11 to fit, and a dip there is not one).
#: - double11: Taobao Mall (now Tmall) held the first 双11 sale on 11 Nov 2009 (Wikipedia,
#:   "Singles' Day", and Alibaba's own account of the first 光棍节 sale: 27 merchants).
#: - 618: JD.com's anniversary sale became the 618 shopping festival in 2010 (Wikipedia,
#:   "618 shopping day": "It was first started in 2010"); JD's own 店庆 discounts on 18 June
#:   date back to 2004, on JD alone and not yet a festival.
#: - double12: Taobao's first 双12 (12 Dec 2011), a sale for its small merchants after 双11
#:   (Jing Daily, 2024-11, on its end: "has existed for over a decade").
#: - women38: Tmall's "女王节" (Queen's Day) campaign for International Women's Day is first
#:   documented in 2017 (Quartz, qz.com/926057, 7 Mar 2017: Tmall's "Queen Day" slogan); earlier
#:   Women's Day discounts were a shop's own, not a platform festival.
FIRST_YEAR: dict[str, int] = {"double11": 2009, "618": 2010, "double12": 2011, "women38": 2017}
#: Festivals that move with the lunar calendar: known in the years of SPRING_FESTIVAL only.
MOVING_KINDS: tuple[str, ...] = ("spring_festival", "nianhuo")

# 春节 (lunar New Year's Day). 2004–2021 (added for stores with an older history) as listed by
# the China Internet Information Center, china.org.cn ("Chinese Lunar New Year dates
# 2004–2015", http://english.china.org.cn/english/features/China2004/106382.htm) and, for
# 2016–2021, by China Highlights (https://www.uchinavisa.com/chinese-new-year-calendar.html,
# to 2019) and 4to40 (https://www.4to40.com/kids-questions-answers/social-science-questions-answers/
# when-is-chinese-new-year/, to 2031), which agree with each other and with the first list.
# tests/engine/test_calendar.py checks each against the State Council's Spring Festival
# holiday in chinesecalendar (New Year's Day is its first or second day).
SPRING_FESTIVAL: dict[int, date] = {
    2004: date(2004, 1, 22),
    2005: date(2005, 2, 9),
    2006: date(2006, 1, 29),
    2007: date(2007, 2, 18),
    2008: date(2008, 2, 7),
    2009: date(2009, 1, 26),
    2010: date(2010, 2, 14),
    2011: date(2011, 2, 3),
    2012: date(2012, 1, 23),
    2013: date(2013, 2, 10),
    2014: date(2014, 1, 31),
    2015: date(2015, 2, 19),
    2016: date(2016, 2, 8),
    2017: date(2017, 1, 28),
    2018: date(2018, 2, 16),
    2019: date(2019, 2, 5),
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
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


# The official public holidays (放假) and swapped working days (调休上班) come from
# chinesecalendar, which follows the State Council General Office's yearly notices
# (国务院办公厅关于YYYY年部分节假日安排的通知) and raises NotImplementedError for a year
# it does not know yet. Those years fall back to _APPROXIMATED below.
#: chinesecalendar's holiday name → ours, in English and Chinese.
_HOLIDAY_NAMES: dict[str, tuple[str, str]] = {
    "New Year's Day": ("New Year's Day", "元旦"),
    "Spring Festival": ("Spring Festival holiday", "春节假期"),
    "Tomb-sweeping Day": ("Qingming Festival", "清明节"),
    "Labour Day": ("Labour Day", "劳动节"),
    "Dragon Boat Festival": ("Dragon Boat Festival", "端午节"),
    "Mid-autumn Festival": ("Mid-Autumn Festival", "中秋节"),
    "National Day": ("National Day", "国庆节"),
}

# Years chinesecalendar does not know (2027 is not published yet): APPROXIMATED from the
# 2025 rules (see the module docstring), with no swapped working days.
_APPROXIMATED: tuple[tuple[str, str, str, str], ...] = (
    ("New Year's Day (approx.)", "元旦（估）", "2027-01-01", "2027-01-03"),
    ("Spring Festival holiday (approx.)", "春节假期（估）", "2027-02-05", "2027-02-12"),
    ("Qingming Festival (approx.)", "清明节（估）", "2027-04-03", "2027-04-05"),
    ("Labour Day (approx.)", "劳动节（估）", "2027-05-01", "2027-05-05"),
    ("Dragon Boat Festival (approx.)", "端午节（估）", "2027-06-09", "2027-06-09"),
    ("Mid-Autumn Festival (approx.)", "中秋节（估）", "2027-09-15", "2027-09-15"),
    ("National Day (approx.)", "国庆节（估）", "2027-10-01", "2027-10-07"),
)


def _published_year(year: int) -> bool:
    """chinesecalendar knows ``year``'s notice."""
    try:
        chinese_calendar.is_holiday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def _holidays_and_swaps(years: tuple[int, ...]) -> tuple[tuple[tuple[str, str, str, str], ...], frozenset[date]]:
    """The public holidays as (name, name_zh, first day off, last day off) — consecutive days
    off are one holiday, named after each festival they hold ("Mid-Autumn Festival and
    National Day") — and the weekend days worked (调休上班), for ``years``."""
    runs: list[list] = []  # [first, last, names in order]
    swaps: set[date] = set()
    for year in years:
        if not _published_year(year):
            continue
        day = date(year, 1, 1)
        while day.year == year:
            is_off, holiday = chinese_calendar.get_holiday_detail(day)
            if is_off and holiday is not None:
                if runs and (day - runs[-1][1]).days == 1:
                    runs[-1][1] = day
                else:
                    runs.append([day, day, []])
                if holiday not in runs[-1][2]:
                    runs[-1][2].append(holiday)
            elif not is_off and day.weekday() >= 5:
                swaps.add(day)
            day += timedelta(days=1)
    published = tuple(
        (" and ".join(_HOLIDAY_NAMES.get(n, (n, n))[0] for n in names),
         "、".join(_HOLIDAY_NAMES.get(n, (n, n))[1] for n in names), first.isoformat(), last.isoformat())
        for first, last, names in runs
    )
    approximated = tuple(h for h in _APPROXIMATED if _d(h[2]).year in years and not _published_year(_d(h[2]).year))
    return published + approximated, frozenset(swaps)


_HOLIDAYS, SWAPPED_WORKDAYS = _holidays_and_swaps(COVERED_YEARS)
#: The first year chinesecalendar publishes (it raises NotImplementedError before).
FIRST_HOLIDAY_YEAR = 2004


@functools.lru_cache(maxsize=1)
def _earlier_holidays() -> tuple[tuple[tuple[str, str, str, str], ...], frozenset[date], frozenset[date]]:
    """The public holidays, their days and the swapped working days of the published years
    before :data:`COVERED_YEARS` — asked only when a window reaches them (0.15 CPU-s: not at import)."""
    holidays, swaps = _holidays_and_swaps(tuple(range(FIRST_HOLIDAY_YEAR, COVERED_YEARS[0])))
    days = frozenset(_d(first) + timedelta(days=i) for _, _, first, last in holidays
                     for i in range((_d(last) - _d(first)).days + 1))
    return holidays, days, swaps


def _holidays_known(year: int) -> bool:
    """The calendar knows ``year``'s public holidays (published, or approximated)."""
    return year in COVERED_YEARS or FIRST_HOLIDAY_YEAR <= year and _published_year(year)


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


#: The platforms that sell in mainland China (storebook.engine.vocab): a store on any of them
#: sells to Chinese shoppers, whose shopping festivals and holidays move its days.
CHINA_PLATFORMS: tuple[str, ...] = ("tmall", "taobao", "jd", "pinduoduo", "douyin", "kuaishou", "xiaohongshu",
                                    "wechat")


def china_market(platforms: list[str] | tuple[str, ...], currency: str,
                 country: str = "") -> dict[str, object] | None:
    """Why this calendar applies to a store, or None where it does not: it is China's, so it
    applies where the store sells in China — its country set to China (``[store] country = "CN"``),
    or, where no country is set, on a Chinese platform (:data:`CHINA_PLATFORMS`) or in yuan (a web
    shop whose amounts are CNY). A store on Shopify in EUR, or a Brazilian marketplace's web shop,
    gets none of 618, 双11, the Spring Festival or 调休.

    The country set decides first, either way: it is the user's own word on where the store is,
    and the platforms and the currency are clues only (a German store may book its amounts in
    yuan, or keep Tmall on storebook.toml's default list). Another country set gets that
    country's public holidays instead (:func:`infer_country`).

    Args:
        platforms: the store's platforms (those its data hold); currency: the currency
            configured or stated by its exports ("" when neither says: not assumed CNY);
        country: ``[store] country`` ("" when not set).
    Returns:
        ``{"country": "CN"}``, ``{"platforms": [...]}`` (its Chinese platforms),
        ``{"currency": "CNY"}``, or None.

    Example:
        >>> china_market(["tmall", "web"], ""), china_market(["web"], "CNY"), china_market(["web"], "EUR")
        ({'platforms': ['tmall']}, {'currency': 'CNY'}, None)
        >>> china_market(["web"], "EUR", country="CN"), china_market(["tmall"], "CNY", country="DE")
        ({'country': 'CN'}, None)
    """
    if country:
        return {"country": "CN"} if country.upper() == "CN" else None
    chinese = [p for p in platforms if p in CHINA_PLATFORMS]
    if chinese:
        return {"platforms": chinese}
    if currency == "CNY":
        return {"currency": currency}
    return None


def used_for(wb) -> dict[str, object] | None:
    """Why China's calendar applies to the store of workbook ``wb``, or None where it does not:
    the one decision every area follows (the plan's forecast, the chart markers, traffic's
    kinds of day, fulfilment's Spring Festival shutdown, the promotions' baselines).

    :func:`china_market` of the country set in ``[store] country`` first, else of the store's
    platforms and the currency configured or stated by its exports — never the CNY assumed when
    neither says. Decided once per workbook, with its
    identity (:func:`storebook.engine.identity.identify`, kept by ``Workbook.identity()``).
    Pass ``china=used_for(wb) is not None`` to :func:`events` and :func:`day_kinds` (and, where a
    foreign store's own public holidays count, ``country=own_country(wb)``).
    """
    return wb.identity().calendar


def spring_festival(year: int) -> date:
    """Lunar New Year's Day of ``year`` (known for the years of :data:`SPRING_FESTIVAL`).

    Example:
        >>> spring_festival(2025)
        datetime.date(2025, 1, 29)
    """
    try:
        return SPRING_FESTIVAL[year]
    except KeyError:
        raise ValueError(
            f"the calendar has no Spring Festival date for {year}; it knows "
            f"{min(SPRING_FESTIVAL)}–{max(SPRING_FESTIVAL)} (add the year to storebook.engine.calendar)"
        ) from None


def is_covered(start: date, end: date) -> bool:
    """True when every day of ``start..end`` lies in a year the calendar covers.

    Example:
        >>> is_covered(date(2024, 11, 1), date(2026, 10, 31))
        True
    """
    return start.year >= COVERED_YEARS[0] and end.year <= COVERED_YEARS[-1]


def _festivals(y: int) -> list[Event]:
    """The festivals of year ``y`` the calendar knows: the fixed ones from the year they began
    (:data:`FIRST_YEAR`), the moving ones (the Spring Festival shutdown and the 年货节 before
    it) where the date is known."""
    out: list[Event] = []
    if y in SPRING_FESTIVAL:
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
    fixed = (Event(f"Women's Day {y}", "women38", date(y, 3, 1), date(y, 3, 8), date(y, 3, 8), "38节"),
             Event(f"618 {y}", "618", date(y, 5, 31), date(y, 6, 18), date(y, 6, 18), "618"),
             Event(f"Double 11 {y}", "double11", date(y, 10, 20), date(y, 11, 11), date(y, 11, 11), "双11"),
             Event(f"Double 12 {y}", "double12", date(y, 12, 10), date(y, 12, 12), date(y, 12, 12), "双12"))
    return out + [e for e in fixed if y >= FIRST_YEAR[e.kind]]


def _holiday_events(holidays: tuple[tuple[str, str, str, str], ...]) -> list[Event]:
    return [Event(f"{name} {_d(last).year}", "public_holiday", _d(first), _d(last), None, name_zh)
            for name, name_zh, first, last in holidays]


def _order(e: Event) -> tuple:
    return (e.starts_on, _PRIORITY[e.kind], e.ends_on, e.name)


def _all_events() -> list[Event]:
    out: list[Event] = [e for y in COVERED_YEARS for e in _festivals(y)]
    out += _holiday_events(_HOLIDAYS)
    out.sort(key=_order)
    return out


@functools.cache
def _outside_events(year: int) -> tuple[Event, ...]:
    """The events of a year outside :data:`COVERED_YEARS`: its festivals (:func:`_festivals`)
    and the public holidays that end in it, where chinesecalendar publishes them."""
    out = _festivals(year)
    if _holidays_known(year):
        out += [e for e in _holiday_events(_earlier_holidays()[0]) if e.ends_on.year == year]
    return tuple(out)


_EVENTS: tuple[Event, ...] = tuple(_all_events())
_HOLIDAY_DAYS: frozenset[date] = frozenset(
    _d(first) + timedelta(days=i)
    for _, _, first, last in _HOLIDAYS
    for i in range((_d(last) - _d(first)).days + 1)
)


def events(start: date, end: date, *, china: bool = True, country: str | None = None) -> list[Event]:
    """Events that overlap ``start..end`` (both included), ordered by start date.

    Args:
        start: first day of the window.
        end: last day of the window.
        china: the store sells in China (:func:`used_for`); False gives none of China's
            events — China's festivals and holidays are not a foreign store's.
        country: with ``china`` False, the store's own country (:func:`own_country`, ISO 3166
            alpha-2): its public holidays (:func:`country_holidays`); None (or a country the
            ``holidays`` package does not know): no event at all. Ignored where ``china``.

    Returns:
        The events, each whole (an event that starts before ``start`` keeps its
        real ``starts_on``).

    Example:
        >>> [(e.kind, e.name_zh) for e in events(date(2026, 2, 1), date(2026, 2, 28))]
        [('nianhuo', '年货节'), ('spring_festival', '春节'), ('public_holiday', '春节假期')]
    """
    if not china:
        if not country:
            return []
        start, end = _as_date(start), _as_date(end)
        return [e for e in country_holidays(country, start.year - 1, end.year + 1)
                if e.starts_on <= end and e.ends_on >= start]
    start, end = _as_date(start), _as_date(end)
    # A year's 年货节 (and a holiday run named after the year it ends in) may start in the
    # December before it: the year after the window is asked too.
    outside = [y for y in range(start.year, end.year + 2) if y not in COVERED_YEARS]
    pool = _EVENTS
    if outside:
        pool = tuple(sorted([*_EVENTS, *(e for y in outside for e in _outside_events(y))], key=_order))
    return [e for e in pool if e.starts_on <= end and e.ends_on >= start]


def unknown_spans(start: date, end: date) -> list[tuple[str, int, date, date]]:
    """What the calendar does not know in ``start..end``: (kind, year, first day, last day) of
    each stretch where an event of that kind could fall but the calendar cannot place it —
    the Spring Festival and the 年货节 of a year without a known date (Dec 27 of the year
    before to Mar 1: where their days can fall), a year's public holidays and 调休 where
    chinesecalendar does not publish them — clipped to the window.

    Example:
        >>> unknown_spans(date(2028, 1, 1), date(2028, 1, 31))[0][:2]
        ('spring_festival', 2028)
        >>> unknown_spans(date(2015, 1, 1), date(2015, 12, 31))
        []
    """
    start, end = _as_date(start), _as_date(end)
    out: list[tuple[str, int, date, date]] = []
    for y in range(start.year, end.year + 2):
        if y not in SPRING_FESTIVAL:
            first, last = max(start, date(y - 1, 12, 27)), min(end, date(y, 3, 1))
            if first <= last:
                out += [(kind, y, first, last) for kind in MOVING_KINDS]
        if y <= end.year and not _holidays_known(y):
            out.append(("public_holiday", y, max(start, date(y, 1, 1)), min(end, date(y, 12, 31))))
    return out


def unknown(start: date, end: date) -> dict[str, tuple[int, ...]]:
    """The kinds of event the calendar does not know in ``start..end``, each with its years
    (:func:`unknown_spans`); empty when it knows every event of the window.

    Example:
        >>> unknown(date(2027, 12, 1), date(2028, 2, 29))
        {'spring_festival': (2028,), 'nianhuo': (2028,), 'public_holiday': (2028,)}
    """
    out: dict[str, tuple[int, ...]] = {}
    for kind, year, _, _ in unknown_spans(start, end):
        out[kind] = (*out.get(kind, ()), year)
    return out


def events_frame(start: date, end: date, *, china: bool = True, country: str | None = None) -> pd.DataFrame:
    """The events overlapping ``start..end`` as a DataFrame, one row per event (where ``china``
    is False, the public holidays of ``country`` only: :func:`events`).

    Columns: name, kind, starts_on, ends_on, peak_on, name_zh, days (dates as
    ``datetime64[s]``, ``peak_on`` NaT when the event has no peak).

    Example:
        >>> events_frame(date(2025, 11, 1), date(2025, 12, 31))[["kind", "peak_on"]]
               kind    peak_on
        0  double11 2025-11-11
        1  double12 2025-12-12
    """
    evs = events(start, end, china=china, country=country)
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


def day_kinds(start: date, end: date, *, china: bool = True, country: str | None = None) -> pd.DataFrame:
    """One row per date of ``start..end`` describing what kind of day it is.

    With ``china`` False (a store that does not sell in China: :func:`used_for`) no day is one of
    China's: no festival, no 调休, no shutdown; the public holidays of ``country`` (the store's
    own: :func:`own_country`) are its holidays (``is_holiday``, event ``public_holiday``), and
    without a country every day is an ordinary day of its weekday.

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
        >>> d = day_kinds(date(2025, 1, 26), date(2025, 1, 26), china=False).iloc[0]
        >>> bool(d.is_swapped_workday), bool(d.is_working_day), d.event
        (False, False, '')
        >>> d = day_kinds(date(2018, 9, 7), date(2018, 9, 7), china=False, country="BR").iloc[0]
        >>> bool(d.is_holiday), bool(d.is_working_day), d.event
        (True, False, 'public_holiday')
    """
    start, end = _as_date(start), _as_date(end)
    if end < start:
        raise ValueError(f"day_kinds: end {end} is before start {start}")
    n = (end - start).days + 1
    days = [start + timedelta(days=i) for i in range(n)]
    evs = events(start, end, china=china, country=country)
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
    is_holiday = [china and d in _HOLIDAY_DAYS for d in days]
    swapped = [china and d in SWAPPED_WORKDAYS for d in days]
    if china and start.year < COVERED_YEARS[0]:  # the published years before (none is known after)
        _, earlier_days, earlier_swaps = _earlier_holidays()
        is_holiday = [h or d in earlier_days for d, h in zip(days, is_holiday, strict=True)]
        swapped = [s or d in earlier_swaps for d, s in zip(days, swapped, strict=True)]
    if not china and evs:  # the store's own country's public holidays
        is_holiday = [any(e.covers(d) for e in evs) for d in days]
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


# ----------------------------------------------------------------------------- a store outside China

#: A currency that is one country's own (the others that use it, if any, are far smaller: INR in
#: Bhutan beside its ngultrum): a store outside China pricing in it is taken to be in that country.
#: Currencies several countries share (EUR, USD, XOF, XAF, XCD …) are not listed: no guess.
CURRENCY_COUNTRY: dict[str, str] = {
    "ARS": "AR", "AUD": "AU", "BDT": "BD", "BRL": "BR", "CAD": "CA", "CHF": "CH", "CLP": "CL", "COP": "CO",
    "CZK": "CZ", "DKK": "DK", "EGP": "EG", "GBP": "GB", "HKD": "HK", "HUF": "HU", "IDR": "ID", "INR": "IN",
    "JPY": "JP", "KES": "KE", "KRW": "KR", "MXN": "MX", "MYR": "MY", "NGN": "NG", "NOK": "NO", "NZD": "NZ",
    "PEN": "PE", "PHP": "PH", "PKR": "PK", "PLN": "PL", "RON": "RO", "RUB": "RU", "SAR": "SA", "SEK": "SE",
    "SGD": "SG", "THB": "TH", "TRY": "TR", "TWD": "TW", "UAH": "UA", "VND": "VN", "ZAR": "ZA",
}
#: The countries whose own currency is one that several share: it names none of them, but a time
#: zone of a country outside its list contradicts it (a shop in EUR whose zone is New York's).
#: EUR: the euro area of 2026 (ECB) and the states that use the euro by agreement or unilaterally;
#: USD: the United States, its territories and the states that use the dollar as their currency.
SHARED_CURRENCY_COUNTRIES: dict[str, frozenset[str]] = {
    "EUR": frozenset({"AT", "BE", "BG", "HR", "CY", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT",
                      "NL", "PT", "SK", "SI", "ES", "AD", "MC", "SM", "VA", "ME", "XK", "GF", "GP", "MQ", "RE",
                      "YT", "PM", "BL", "MF", "AX"}),
    "USD": frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM", "EC", "SV", "PA", "TL", "FM", "MH", "PW", "ZW", "BQ",
                      "TC", "VG", "IO"}),
}


@functools.cache
def _zone_countries() -> tuple[dict[str, str], dict[str, str]]:
    """(time zone → its country, country code → its English name), from the tz database's
    zone.tab and iso3166.tab (the ``tzdata`` package, else the system's /usr/share/zoneinfo)."""
    from importlib import resources
    from pathlib import Path

    def read(name: str) -> str:
        try:
            return resources.files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
        except (ModuleNotFoundError, FileNotFoundError, OSError):
            path = Path("/usr/share/zoneinfo") / name
            return path.read_text(encoding="utf-8") if path.exists() else ""

    rows = [line.split("\t") for text in (read("zone.tab"), read("iso3166.tab"))
            for line in text.splitlines() if line and not line.startswith("#")]
    zones = {r[2]: r[0] for r in rows if len(r) >= 3}
    names = {r[0]: r[1].strip() for r in rows if len(r) == 2}
    return zones, names


#: Countries' names in Chinese, for the 中文 pages: every country :data:`CURRENCY_COUNTRY` names, the
#: euro area's larger members and the United States (the ``holidays`` package names holidays in
#: Chinese, never countries). As the mainland writes them (CLDR's zh names, checked against babel's by
#: tests/areas/test_calendar_holidays_everywhere.py, but 中国香港 and 中国台湾).
COUNTRY_NAMES_ZH: dict[str, str] = {
    "AR": "阿根廷", "AT": "奥地利", "AU": "澳大利亚", "BD": "孟加拉国", "BE": "比利时", "BR": "巴西", "CA": "加拿大",
    "CH": "瑞士", "CL": "智利", "CN": "中国", "CO": "哥伦比亚", "CZ": "捷克", "DE": "德国", "DK": "丹麦", "EG": "埃及",
    "ES": "西班牙", "FI": "芬兰", "FR": "法国", "GB": "英国", "GR": "希腊", "HK": "中国香港", "HU": "匈牙利",
    "ID": "印度尼西亚", "IE": "爱尔兰", "IN": "印度", "IT": "意大利", "JP": "日本", "KE": "肯尼亚", "KR": "韩国",
    "LU": "卢森堡", "MX": "墨西哥", "MY": "马来西亚", "NG": "尼日利亚", "NL": "荷兰", "NO": "挪威", "NZ": "新西兰",
    "PE": "秘鲁", "PH": "菲律宾", "PK": "巴基斯坦", "PL": "波兰", "PT": "葡萄牙", "RO": "罗马尼亚", "RU": "俄罗斯",
    "SA": "沙特阿拉伯", "SE": "瑞典", "SG": "新加坡", "TH": "泰国", "TR": "土耳其", "TW": "中国台湾", "UA": "乌克兰",
    "US": "美国", "VN": "越南", "ZA": "南非",
}
#: Where the tz database's English name does not read as a name in a sentence ("Britain (UK)").
_COUNTRY_NAMES_EN: dict[str, str] = {"GB": "United Kingdom", "KR": "South Korea"}


#: English names of countries said with "the" in running text (the United States' holidays, in
#: the Netherlands): plural names, and names of a union, republic or kingdom of parts.
_WITH_THE = re.compile(r"^(United |Czech Republic$|Dominican Republic$|Central African Republic$)|"
                       r"(Islands|lands|ines|amas|ives|oros|elles)$|^Gambia$")


def country_in_text(code: str, language: str = "en") -> str:
    """:func:`country_name` as running text says it: with "the" where English does.

    >>> country_in_text("US"), country_in_text("NL"), country_in_text("BR"), country_in_text("US", "zh")
    ('the United States', 'the Netherlands', 'Brazil', '美国')
    """
    name = country_name(code, language)
    return f"the {name}" if language == "en" and _WITH_THE.search(name) else name


def country_name(code: str, language: str = "en") -> str:
    """The name of an ISO 3166 country code in ``language`` (``en`` or ``zh``).

    English: the tz database's name (the code itself where it has none). 中文:
    :data:`COUNTRY_NAMES_ZH`, else babel's (CLDR) where babel is installed, else the English name.

    Example:
        >>> country_name("BR"), country_name("IN"), country_name("BR", "zh"), country_name("GB", "zh")
        ('Brazil', 'India', '巴西', '英国')
    """
    code = code.upper()
    if language == "zh":
        if code in COUNTRY_NAMES_ZH:
            return COUNTRY_NAMES_ZH[code]
        try:
            from babel import Locale

            return Locale("zh").territories[code]
        except (ImportError, KeyError):
            pass
    return _COUNTRY_NAMES_EN.get(code) or _zone_countries()[1].get(code, code)


def country_code(value: object) -> str | None:
    """``value`` as an ISO 3166 alpha-2 country code (trimmed, upper case), or None when it is not
    one the tz database names (where the database is not found, the form alone is checked).

    >>> country_code(" cn "), country_code("BR"), country_code("China"), country_code("XX")
    ('CN', 'BR', None, None)
    """
    code = str(value).strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return None
    names = _zone_countries()[1]
    return code if not names or code in names else None


def infer_country(*, setting: str = "", currency: str = "", timezone: str = "",
                  timezone_guessed: bool = False, region: str = "", region_clue: str = "") -> dict[str, object]:
    """The store's country and how it is known — never a guess made silently.

    Args:
        setting: ``[store] country`` ("" when not set): used as it is.
        currency: the currency configured or stated by the exports ("": not known);
            :data:`CURRENCY_COUNTRY` names its country where it is one country's own.
        timezone: the store's time zone; its country from the tz database's zone.tab
            (America/Sao_Paulo → BR, Asia/Kolkata → IN). Asia/Shanghai, the default, is no clue
            (this asks only for a store that does not sell in China).
        timezone_guessed: the zone is the one ingest chose from the exports' UTC offsets (one
            offset fits several countries' zones): no clue either.
        A currency several countries share (:data:`SHARED_CURRENCY_COUNTRIES`) names none, but a
        zone outside its countries contradicts it: ambiguous.
        region: the one country the data's regions name (ISO 3166-2 codes such as Olist's
            ``BR-SP``: :func:`storebook.engine.identity.region_country`), "" when they name none;
            the weakest clue, used where the currency and zone say nothing else.
        region_clue: the regions it came from, for the sentence that says so (``BR-SP, BR-RJ …``).
    Returns:
        ``{"code": "BR", "how": "setting" | "currency" | "timezone" | "region", "clue": …}`` (the
        clue: the currency, zone or regions it came from; a currency and a zone that agree give
        ``how`` "currency"),
        or ``{"code": None, "how": "ambiguous", "clues": [...]}`` where the clues name different
        countries, ``{"code": None, "how": "none", "clues": [...]}`` where there is none
        (clues: the currency and zone that named none, e.g. ``["EUR"]``).

    Example:
        >>> infer_country(timezone="America/Sao_Paulo")["code"], infer_country(currency="INR")["code"]
        ('BR', 'IN')
        >>> infer_country(currency="EUR"), infer_country(currency="BRL", timezone="Asia/Kolkata")["how"]
        ({'code': None, 'how': 'none', 'clues': ['EUR']}, 'ambiguous')
        >>> [infer_country(currency="EUR", timezone=z).get("code") for z in ("Europe/Berlin", "America/New_York")]
        ['DE', None]
        >>> infer_country(region="BR", region_clue="BR-SP …"), infer_country(currency="INR", region="BR")["how"]
        ({'code': 'BR', 'how': 'region', 'clue': 'BR-SP …'}, 'ambiguous')
    """
    if setting:
        return {"code": setting.upper(), "how": "setting", "clue": setting.upper()}
    clues: dict[str, str] = {}
    if currency in CURRENCY_COUNTRY:
        clues["currency"] = currency
    zone = "" if timezone_guessed or timezone == "Asia/Shanghai" else timezone
    zone_country = _zone_countries()[0].get(zone) if zone else None
    if zone_country and zone_country != "CN":
        clues["timezone"] = zone
    else:
        zone_country = None  # no clue: Chinese, or not a zone of zone.tab
    named = {CURRENCY_COUNTRY.get(clues.get("currency", "")), zone_country}
    if region and region != "CN":  # regions of China name no country outside it
        clues["region"] = region_clue or region
        named.add(region)
    named.discard(None)
    shared = SHARED_CURRENCY_COUNTRIES.get(currency)
    if shared is not None and zone_country is not None and zone_country not in shared:
        return {"code": None, "how": "ambiguous", "clues": [currency, clues["timezone"]]}
    if shared is not None and "region" in clues and region not in shared:  # regions outside the currency's area
        return {"code": None, "how": "ambiguous", "clues": [currency, clues["region"]]}
    if len(named) == 1:
        how = next(h for h in ("currency", "timezone", "region") if h in clues)
        return {"code": named.pop(), "how": how, "clue": clues[how]}
    silent = [c for c in (currency, zone) if c]
    return {"code": None, "how": "ambiguous" if named else "none", "clues": list(clues.values()) if named else silent}


def country_known(code: str | None) -> bool:
    """The ``holidays`` package knows ``code``'s public holidays.

    Example:
        >>> country_known("BR"), country_known("XX")
        (True, False)
    """
    return bool(code) and code.upper() in _supported_countries()


@functools.cache
def _supported_countries() -> frozenset[str]:
    """The countries the ``holidays`` package knows (0.1 CPU-s to list: once per process)."""
    import holidays

    return frozenset(holidays.list_supported_countries())


#: Chinese names of the national public holidays of the countries storebook's examples and real
#: stores sell in (Brazil, India, the United Kingdom, the United States, Germany), by the English
#: (en_US) name the ``holidays`` package gives them: the package has no zh_CN for any of them, and
#: the 中文 page showed "Independence Day" as if it were Chinese. Names as the mainland writes them.
HOLIDAY_NAMES_ZH: dict[str, str] = {
    # Brazil
    "Universal Fraternization Day": "元旦", "Tiradentes' Day": "蒂拉登特斯日", "Worker's Day": "劳动节",
    "Independence Day": "独立日", "Our Lady of Aparecida": "阿帕雷西达圣母日", "All Souls' Day": "万灵节",
    "Republic Proclamation Day": "共和国宣告日", "National Day of Zumbi and Black Awareness": "黑人意识日",
    "Good Friday": "耶稣受难日", "Christmas Day": "圣诞节", "Christmas": "圣诞节",
    # India
    "Republic Day": "共和国日", "Mahatma Gandhi's Birthday": "甘地诞辰纪念日", "Holi": "洒红节", "Diwali": "排灯节",
    "Dussehra": "十胜节", "Eid al-Fitr": "开斋节", "Eid al-Adha": "宰牲节", "Ashura": "阿舒拉节",
    "Prophet's Birthday": "圣纪节", "Buddha Purnima": "佛诞节", "Guru Nanak's Birthday": "那纳克祖师诞辰",
    "Dr. B. R. Ambedkar's Birthday": "安贝德卡诞辰纪念日", "Mahavira's Birthday": "大雄诞辰节",
    "Janmashtami (Vaishnava)": "黑天诞辰节（毗湿奴派）", "Maha Shivaratri": "湿婆节", "Ram Navami": "罗摩诞辰节",
    # United Kingdom
    "New Year's Day": "元旦", "Boxing Day": "节礼日", "May Day": "五月初银行假日", "Spring Bank Holiday": "春季银行假日",
    "Coronation of Charles III": "查尔斯三世加冕日", "Platinum Jubilee of Elizabeth II": "伊丽莎白二世白金禧年",
    "State Funeral of Queen Elizabeth II": "伊丽莎白二世国葬日",
    # United States
    "Martin Luther King Jr. Day": "马丁·路德·金纪念日", "Washington's Birthday": "华盛顿诞辰纪念日",
    "Memorial Day": "阵亡将士纪念日", "Juneteenth National Independence Day": "六月节", "Labor Day": "劳动节",
    "Columbus Day": "哥伦布日", "Veterans Day": "退伍军人节", "Thanksgiving Day": "感恩节",
    # Germany
    "Easter Monday": "复活节星期一", "Ascension Day": "耶稣升天节", "Pentecost Monday": "圣灵降临节星期一",
    "German Unity Day": "德国统一日", "Reformation Day": "宗教改革日", "Second Day of Christmas": "圣诞节次日",
}
#: The package's notes after a name, in Chinese.
_HOLIDAY_NOTES_ZH: dict[str, str] = {" (observed)": "（补假）", " (estimated)": "（预计）"}


def holiday_name_zh(code: str, name: str) -> str:
    """The Chinese name of ``code``'s public holiday the ``holidays`` package calls ``name`` (in
    English where it has that): :data:`HOLIDAY_NAMES_ZH`, a day of two holidays
    ("Independence Day; Prophet's Birthday (estimated)") as both (独立日、圣纪节（预计）). A holiday
    it has no Chinese name for is said as the country's holiday with its own name
    (``法国假日（Bastille Day）``): a foreign name shown as if it were Chinese says nothing of
    whose holiday it is, a made-up translation could mislead.

    Example:
        >>> holiday_name_zh("BR", "Independence Day"), holiday_name_zh("US", "Veterans Day (observed)")
        ('独立日', '退伍军人节（补假）')
        >>> holiday_name_zh("FR", "Bastille Day")
        '法国假日（Bastille Day）'
    """
    said = []
    for part in name.split("; "):
        core, note = part, ""
        for en, zh in _HOLIDAY_NOTES_ZH.items():
            if part.endswith(en):
                core, note = part.removesuffix(en), zh
        known = HOLIDAY_NAMES_ZH.get(core)
        said.append(f"{known}{note}" if known else f"{country_name(code, 'zh')}假日（{part}）")
    return "、".join(said)


@functools.cache
def _country_year(code: str, year: int) -> tuple[tuple[date, str, str], ...]:
    """(day, English name, Chinese name) of each national public holiday of ``code`` in ``year``:
    the ``holidays`` package's public category, without subdivisions; named in English (en_US)
    where the package has it, else in the country's language, and in Chinese (zh_CN) where it
    has that, else by :func:`holiday_name_zh` (never the English name as if it were Chinese)."""
    import holidays

    cls = holidays.country_holidays(code).__class__
    languages = getattr(cls, "supported_languages", ())
    english = "en_US" if "en_US" in languages else None
    named_en = holidays.country_holidays(code, years=year, language=english)
    if "zh_CN" in languages:
        named_zh = holidays.country_holidays(code, years=year, language="zh_CN")
        return tuple((day, named_en[day], named_zh.get(day, named_en[day])) for day in sorted(named_en))
    return tuple((day, named_en[day], holiday_name_zh(code, named_en[day])) for day in sorted(named_en))


@functools.cache
def country_holidays(country: str, first_year: int, last_year: int) -> tuple[Event, ...]:
    """The national public holidays of ``country`` (ISO 3166 alpha-2) in ``first_year..last_year``
    as events of kind ``public_holiday``: consecutive days off are one event, named after each
    holiday they hold (as China's are). None where the ``holidays`` package does not know the
    country (:func:`country_known`).

    Example:
        >>> [(e.starts_on.isoformat(), e.name) for e in country_holidays("BR", 2018, 2018)][4]
        ('2018-09-07', 'Independence Day 2018')
    """
    if not country_known(country):
        return ()
    runs: list[list] = []  # [first, last, English names, Chinese names]
    for year in range(first_year, last_year + 1):
        for day, name, name_zh in _country_year(country.upper(), year):
            if runs and (day - runs[-1][1]).days == 1:
                runs[-1][1] = day
            else:
                runs.append([day, day, [], []])
            for names, n in ((runs[-1][2], name), (runs[-1][3], name_zh)):
                if n not in names:
                    names.append(n)
    return tuple(Event(f"{' and '.join(en)} {last.year}", "public_holiday", first, last, None, "、".join(zh))
                 for first, last, en, zh in runs)


def country_of(wb) -> dict[str, object] | None:
    """The country whose public holidays are the store's (:func:`infer_country`, with ``known``:
    the ``holidays`` package has them), or None for a store that sells in China (China's calendar
    applies: :func:`used_for`). Decided once per workbook, with its identity."""
    return wb.identity().country


def country_set(wb) -> str | None:
    """The country ``[store] country`` sets (its ISO code) where it keeps China's calendar off, None
    where the store sells in China or no country is set (the platforms and currency decided:
    :func:`china_market`). The pages say why China's festivals are not set apart from it (text
    spec ``not_china``): a country set is the user's word on where the store is, not a fact of
    its sales ("the store does not sell in China" said of a German store booking in yuan)."""
    found = country_of(wb)
    return str(found["code"]) if found and found.get("how") == "setting" and found.get("code") else None


def own_country(wb) -> str | None:
    """What to pass as ``country=`` to :func:`events` / :func:`day_kinds` for workbook ``wb``: its
    country where it is known and the ``holidays`` package has its holidays, else None."""
    found = country_of(wb)
    return found["code"] if found and found.get("known") else None


def _as_date(value) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    return date.fromisoformat(str(value))
