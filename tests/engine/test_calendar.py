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
