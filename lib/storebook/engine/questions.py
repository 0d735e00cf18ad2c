"""A question built once per store, its dates bound each time it is asked (DuckDB only).

:mod:`storebook.engine.shapes` compiles a question's SQL once per shape; the question is
still built each time it is asked: the metric function's Ibis expression, node by node. For
a scorecard of joins and a dozen aggregates that building is most of what storebook adds to
the engine's work: on the 10M bench store the supplier scorecard's question ran in 19 ms,
the same as its hand-written SQL, and building it took ~10 ms more (issue #17; Ibis
validates every node it makes, ~20 µs each, and a join traces its keys through the
relations under it).

A metric function that is a pure function of the store and a few dates can instead be asked
through :meth:`storebook.engine.workbook.Workbook.ask`, with a *builder*
``build(wb, *dates, **options) -> ibis.Table``. The first time a process asks a builder of a
store's data (its generation), the builder runs three times: with the question's dates,
whose answer is returned as :meth:`~storebook.engine.workbook.Workbook.execute` gives it, and
with two sets of stand-in dates (:func:`stand_ins`: days of 1901 and 1904, which no store
holds). The expressions are compared by their shapes: where they are the same question but
for their dates, and each date the question holds is either one of the arguments (where each
stand-in build holds that argument's stand-in) or the same in all three (a date the store
decides: the last day with data), the question's SQL is kept as a :class:`Template` with the
slot of each date. Every later asking, by any workbook of that data in the process, binds
its dates to the slots and runs the SQL: nothing is built.

Most builders that are not such a function are found out, not trusted: a date derived from
an argument in Python (``end - timedelta(days=1)``) differs from the argument and from its
stand-ins; a builder that asks the engine while building (whose expression may depend on the
answer) is seen asking; a structure that turns on the dates' values turns differently for
the question or one of the stand-in sets, which differ in year (one a leap year), month, day
and weekday. Any of these, and anything the shapes cannot handle, leaves the builder to be
built every time, as :meth:`~storebook.engine.workbook.Workbook.execute` would: the old
cost, not a wrong answer. What cannot be found out is a turn that the question and both
stand-in sets take alike (``start.month == 10`` asked first for November), and what a
builder reads besides the tables and its arguments (the workbook's config, the clock): a
builder turns on neither. Pass such a value as an option: options are part of the key.

Asked this way (issue #17, 2026-12-07): the supplier scorecard and the traffic summary.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import ibis.expr.types as ir

from storebook.engine import shapes

#: A builder of a question: the workbook, the question's dates, its options.
Builder = Callable[..., ir.Table]


class Template(NamedTuple):
    """A builder's question over one store's data, its dates as slots (module docstring)."""

    schema: Any
    """The question's Ibis schema: the answer's types."""
    reads: tuple[str, ...]
    """The canonical tables the builder asked for, in order."""
    literals: tuple
    """The first question's date and timestamp literals, by slot: each slot's type, and the
    value of a slot that binds no argument."""
    sources: tuple[int | None, ...]
    """For each slot, the date argument it binds, or None: a date of the store's, kept."""
    sql: str
    """The question's SQL, its slots and tables as placeholders (:func:`shapes.compile_shape`)."""
    tables: tuple[str, ...]
    """The tables the SQL reads, by slot: their names in the engine."""

    def parameters(self, dates: Sequence) -> dict[str, object]:
        """The values the SQL binds for a question of ``dates``."""
        values = [lit.value if source is None else dates[source]
                  for lit, source in zip(self.literals, self.sources, strict=True)]
        return shapes.parameters(list(self.literals), values)


#: Templates by (builder, options, store data, kinds of dates); None: the builder is built
#: every time. Bounded: a process that asks of many stores starts again.
_TEMPLATES: dict[tuple, Template | None] = {}
_MAX_TEMPLATES = 1_000


#: The first day of each set of stand-ins: two sets, unlike each other in year (a leap one),
#: month, day and weekday, so that a builder whose structure turns on any of these is found
#: out (it turns one way for one set and the other way for the other, or for the question).
_STAND_IN_ORIGINS = (_dt.date(1901, 1, 12), _dt.date(1904, 8, 27))


def stand_ins(dates: Sequence, which: int = 0) -> list | None:
    """Stand-in set ``which`` (0 or 1) for ``dates``: one of each date's type for each,
    distinct days of 1901 or 1904 (no store's data is that old, so no date of the store's can
    be mistaken for one); None when a date is not a plain date or a time without a zone (a
    template binds only those)."""
    out = []
    for index, value in enumerate(dates):
        day = _STAND_IN_ORIGINS[which] + _dt.timedelta(days=37 * index)
        if type(value) is _dt.date:
            out.append(day)
        elif isinstance(value, _dt.datetime) and value.tzinfo is None:
            out.append(type(value)(day.year, day.month, day.day, 3, 4, 5))  # datetime or pd.Timestamp
        else:
            return None
    return out


def key(build: Builder, data: str, dates: Sequence, options: dict) -> tuple | None:
    """The key of a builder's template over the store's ``data`` (its folder and generation)."""
    try:
        held = tuple(sorted(options.items()))
        hash(held)
    except TypeError:  # an option that cannot be a key: built every time
        return None
    # The builder itself, not its name: two closures of one name may hold different values.
    return (build, held, data, tuple(type(d) for d in dates))


def get(template_key: tuple) -> Template | None | object:
    """The template kept under ``template_key``; :data:`UNSEEN` if none was tried yet."""
    return _TEMPLATES.get(template_key, UNSEEN)


UNSEEN = object()


def forget() -> None:
    """Drop every template of the process (a cold run of the bench builds its questions again)."""
    _TEMPLATES.clear()


def keep(template_key: tuple, template: Template | None) -> None:
    if len(_TEMPLATES) >= _MAX_TEMPLATES:
        _TEMPLATES.clear()
    _TEMPLATES[template_key] = template


def _sources(found: shapes.Found, twin: shapes.Found, dates: Sequence, twin_dates: Sequence) -> list | None:
    """For each slot of ``found`` (a question of ``dates``), the argument its ``twin`` (the
    question of ``twin_dates``) holds that argument's stand-in in, or None where both hold one
    date (the store's); None where the two are not one question of their dates alone."""
    if twin is None or found.key is not twin.key or found.tables != twin.tables:
        return None
    sources: list[int | None] = []
    for lit, twin_lit in zip(found.literals, twin.literals, strict=True):
        source = next((i for i, stand_in in enumerate(twin_dates) if twin_lit.value == stand_in), None)
        if source is not None:
            if lit.value != dates[source]:
                return None  # the stand-in's slot holds another date in the question
        elif lit.value != twin_lit.value:
            return None  # a date derived from an argument: neither it nor the store's
        sources.append(source)
    return sources


def template(compiled: shapes.Shapes, expr: ir.Table, twins: Sequence[tuple[ir.Table, Sequence]],
             dates: Sequence, reads: Sequence[str]) -> Template | None:
    """The template of a question ``expr`` of ``dates`` (already run by the workbook whose
    shapes ``compiled`` are, so its SQL is there), from its ``twins``, each built of a set of
    stand-ins (:func:`stand_ins`) and given with them; None where they are not one question
    of their dates alone, or where they bind their slots differently."""
    found = compiled.found(expr)
    if found is None:
        return None
    sources = None
    for twin, twin_dates in twins:
        these = _sources(found, compiled.found(twin), dates, twin_dates)
        if these is None or (sources is not None and these != sources):
            return None
        sources = these
    sql = compiled.sql_of(found)
    if sources is None or sql is None:
        return None
    return Template(schema=expr.schema(), reads=tuple(reads), literals=tuple(found.literals),
                    sources=tuple(sources), sql=sql, tables=tuple(found.tables))
