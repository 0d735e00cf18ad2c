"""The calendar's public holidays and 调休 come from chinesecalendar (the State Council's
notices); a year it does not know yet falls back to storebook's approximation; the
e-commerce festivals are storebook's own."""

from __future__ import annotations

from datetime import date

import pytest

from storebook.engine import calendar


def test_holidays_and_swapped_workdays_follow_the_published_notices() -> None:
    holidays = {(first, last): (name, zh) for name, zh, first, last in calendar._HOLIDAYS}
    # 2026 (published 2025-11-04): National Day 1–7 October, Saturday 10 October worked.
    assert holidays[("2026-10-01", "2026-10-07")] == ("National Day", "国庆节")
    assert date(2026, 10, 10) in calendar.SWAPPED_WORKDAYS and date(2026, 10, 11) not in calendar.SWAPPED_WORKDAYS
    # Consecutive days off holding two festivals are one holiday named after both, in order.
    assert holidays[("2023-09-29", "2023-10-06")] == ("Mid-Autumn Festival and National Day", "中秋节、国庆节")
    assert holidays[("2022-04-03", "2022-04-05")] == ("Qingming Festival", "清明节")
    kinds = calendar.day_kinds(date(2026, 2, 14), date(2026, 2, 16))
    assert kinds["is_swapped_workday"].tolist()[0] and kinds["is_holiday"].tolist()[1:] == [True, True]


def test_a_year_not_yet_published_is_approximated_without_swaps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar, "_published_year", lambda year: year != 2027)
    holidays, swaps = calendar._holidays_and_swaps((2026, 2027))
    later = [h for h in holidays if h[2] >= "2027"]
    assert len(later) == 7 and all(name.endswith("(approx.)") and zh.endswith("（估）") for name, zh, _, _ in later)
    assert {d.year for d in swaps} == {2026}


def test_the_shopping_festivals_are_storebooks_own() -> None:
    kinds = {e.kind for e in calendar.events(date(2026, 1, 1), date(2026, 12, 31))}
    assert {"618", "double11", "double12", "nianhuo", "women38", "spring_festival", "public_holiday"} <= kinds
    double11 = next(e for e in calendar.events(date(2026, 11, 1), date(2026, 11, 30)) if e.kind == "double11")
    assert (double11.starts_on, double11.peak_on) == (date(2026, 10, 20), date(2026, 11, 11))


def test_fixed_date_festivals_are_placed_from_the_year_they_began() -> None:
    """双11 began in 2009, 618 in 2010, 双12 in 2011, the 38 女王节 in 2017 (sources in calendar.py):
    a year before has none of them, every year from then (2031 too) has it on its day."""
    def peaks(year: int) -> dict[str, date]:
        window = calendar.events(date(year, 1, 1), date(year, 12, 31))
        return {e.kind: e.peak_on for e in window if e.kind in calendar.FIXED_KINDS}

    assert peaks(2003) == peaks(2008) == {}
    assert peaks(2009) == {"double11": date(2009, 11, 11)}
    assert peaks(2010) == {"618": date(2010, 6, 18), "double11": date(2010, 11, 11)}
    for year in (2011, 2016):
        assert peaks(year) == {"618": date(year, 6, 18), "double11": date(year, 11, 11), "double12": date(year, 12, 12)}
    for year in (2017, 2024, 2031):
        assert peaks(year) == {"women38": date(year, 3, 8), "618": date(year, 6, 18), "double11": date(year, 11, 11),
                               "double12": date(year, 12, 12)}
    # The day kinds agree: 2008's Nov 11 is a plain day, 2009's the peak of 双11.
    days = calendar.day_kinds(date(2008, 11, 11), date(2009, 11, 11)).set_index("date")
    assert days.at["2008-11-11", "event"] == "" and days.at["2009-11-11", "event"] == "double11"


def test_the_spring_festival_dates_agree_with_the_state_council_s_holiday() -> None:
    """Each Lunar New Year's Day (cited sources in calendar.py) is one of the first three days of its
    year's Spring Festival holiday as the State Council's notices set it (chinesecalendar)."""
    import chinese_calendar

    for year, new_year in calendar.SPRING_FESTIVAL.items():
        if not calendar._published_year(year):
            continue
        holiday = [d for d in (new_year + pd_days(k) for k in range(-3, 4))
                   if chinese_calendar.get_holiday_detail(d) == (True, "Spring Festival")]
        assert new_year in holiday and holiday[0] >= new_year - pd_days(2), year


def pd_days(n: int):
    from datetime import timedelta

    return timedelta(days=n)


def test_moving_festivals_and_holidays_are_known_only_where_their_dates_are() -> None:
    # 2015 (a store's history): the Spring Festival on Feb 19, 年货节 before it, the holidays published.
    kinds = {e.kind: e for e in calendar.events(date(2015, 1, 1), date(2015, 2, 28))}
    assert kinds["spring_festival"].peak_on == date(2015, 2, 19) and "nianhuo" in kinds
    assert calendar.unknown(date(2012, 7, 1), date(2015, 4, 30)) == {}
    day = calendar.day_kinds(date(2014, 10, 1), date(2014, 10, 11)).set_index("date")
    assert day["is_holiday"].iloc[:7].all() and day.at["2014-10-11", "is_swapped_workday"]  # 国庆 2014, Saturday worked
    # 2003 and 2028: no Spring Festival date, no published holidays — said, never read as none.
    assert calendar.unknown(date(2027, 12, 1), date(2028, 4, 30)) == {
        "spring_festival": (2028,), "nianhuo": (2028,), "public_holiday": (2028,)}
    assert {k for k, *_ in calendar.unknown_spans(date(2003, 6, 1), date(2003, 6, 30))} == {"public_holiday"}
    assert not [e for e in calendar.events(date(2028, 1, 1), date(2028, 2, 29)) if e.kind in calendar.MOVING_KINDS]
    with pytest.raises(ValueError, match="2004–2027"):
        calendar.spring_festival(2028)


def test_a_stores_country_reads_the_zone_table_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """infer_country looked the zone up in the tz database's table four times per call; it reads
    it once, and the table itself is read from disk once per process (cached)."""
    assert hasattr(calendar._zone_countries, "cache_info")  # functools.cache: read once
    calls = []
    real = calendar._zone_countries

    def counted() -> tuple[dict[str, str], dict[str, str]]:
        calls.append(1)
        return real()

    monkeypatch.setattr(calendar, "_zone_countries", counted)
    # A currency several countries share and a zone outside them: every lookup of the zone is made.
    assert calendar.infer_country(currency="EUR", timezone="America/New_York")["how"] == "ambiguous"
    assert len(calls) == 1
    calls.clear()
    assert calendar.infer_country(currency="EUR", timezone="Europe/Berlin")["code"] == "DE"
    assert calendar.infer_country(timezone="Asia/Shanghai")["how"] == "none"  # the default zone is no clue
    assert len(calls) <= 2
