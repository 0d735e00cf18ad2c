"""A metric function's way to say "this figure is partial" to the report section running it.

The report layer opens a section with :func:`running` (``storebook.report.needs``); a metric
function deep below calls :func:`flag_partial`. The flag travels up without the metric
module importing the report layer (arrows point down only). Outside a running section —
a script, a test — a flag does nothing: the function's result carries its own coverage.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def flag_partial(key: str, **values: Any) -> None:
    """Say, from inside a metric function, that the running section's figure is partial.

    Args:
        key: a catalogue sentence (``page.partial.<what>``) stating what is partial.
        values: the values it names (a share known …).

    Outside a report section (a script, a test) this does nothing: the function's result
    carries its own coverage columns.
    """
    if _RUNNING:
        _RUNNING[-1].add_flag(key, dict(values))


def running(check: Any) -> _Running:
    """``with running(check):`` — library flags raised inside go to ``check``."""
    return _Running(check)


def running_checks() -> tuple[Any, ...]:
    """What collects flags now, outermost first: the running sections' checks (and a kept
    result's recorder inside one)."""
    return tuple(_RUNNING)


class _Running:
    def __init__(self, check: Any) -> None:
        self.check = check

    def __enter__(self) -> Any:
        _RUNNING.append(self.check)
        return self.check

    def __exit__(self, *_: Any) -> None:
        _RUNNING.remove(self.check)


#: The checks of the sections running now (a stack: one per open ``with page.section``).
_RUNNING: list[Any] = []


class _Recorder:
    """Keeps the flags raised inside it and passes each on to the section running outside."""

    def __init__(self, outer: Any) -> None:
        self.outer = outer
        self.flags: list[tuple[str, dict[str, Any]]] = []

    def add_flag(self, key: str, values: dict[str, Any]) -> None:
        self.flags.append((key, dict(values)))
        if self.outer is not None:
            self.outer.add_flag(key, values)


def kept_result(wb: Any, key: tuple, compute: Callable[[], Any]) -> Any:
    """A result computed once per open workbook, with the partial flags it raised.

    A workbook reads one generation of the tables for its life, so a result built from it
    cannot change: a later section that needs it again (the overview's changes need the
    scorecard its first section built) gets a copy of the first one, and the flags the
    first computation raised are raised again in the section asking now, and the tables it
    read are read again (a section's record lists what it read). A computation
    that raises (no data) is not kept.

    Args:
        wb: the workbook (its ``kept_results``).
        key: what identifies the result: the function's name and its arguments.
        compute: builds the result.
    Returns:
        The result; a pandas frame as a copy the caller may change.
    """
    store = getattr(wb, "kept_results", None)
    if store is None:  # not a storebook workbook: nothing to keep it in
        return compute()
    kept = store.get(key)
    if kept is None:
        recorder = _Recorder(_RUNNING[-1] if _RUNNING else None)
        with running(recorder), wb.reading() as read:
            value = compute()
        kept = store[key] = (value, recorder.flags, list(dict.fromkeys(read)))
    else:
        for flag, values in kept[1]:
            flag_partial(flag, **values)
        # The section asking now reads what the result was built from (noted, not opened: a
        # table the first computation found missing and did without is still missing).
        wb.note_reads(kept[2])
    value = kept[0]
    return value.copy() if hasattr(value, "copy") else value
