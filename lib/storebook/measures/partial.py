"""A metric function's way to say "this figure is partial" to the report section running it.

The report layer opens a section with :func:`running` (``storebook.report.needs``); a metric
function deep below calls :func:`flag_partial`. The flag travels up without the metric
module importing the report layer (arrows point down only). Outside a running section —
a script, a test — a flag does nothing: the function's result carries its own coverage.
"""

from __future__ import annotations

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
