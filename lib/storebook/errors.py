"""Errors that speak to an analyst: which file, which row, which column, what was expected,
and what to do about it.

An error's message is English (its ``str()``, for logs and tracebacks). An error that carries a
catalogue ``key`` and its ``values`` (storebook.report.catalogue) can also be said in the reader's
language with :meth:`StorebookError.said`: `storebook ingest --lang zh` prints that. This module
imports nothing of the report layer: the caller hands in its ``text`` (a
:class:`storebook.report.text.Text`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple


class Said(NamedTuple):
    """Words of a message that are a message of their own (a hint inside a what-to-do, the
    closest source inside an expectation), named by their catalogue key and values: given as a
    value of an error's ``values``, they are said in the same language as the rest.

    >>> Said("error.input.todo.reexport_csv", {}).key
    'error.input.todo.reexport_csv'
    """

    key: str
    values: dict[str, Any]


def say(text: Any, key: str, values: dict[str, Any]) -> str:
    """The catalogue's ``key`` in ``text``'s language, its values filled in (a :class:`Said`
    value said first, in the same language)."""
    return text(key, **{k: say(text, v.key, v.values) if isinstance(v, Said) else v for k, v in values.items()})


def joined(parts: list[Any]) -> Any:
    """``parts`` (:class:`Said` or text, at least one) said one after another with "; " between
    them, in the reader's language: one value for an error's ``values``."""
    out = parts[-1]
    for part in reversed(parts[:-1]):
        out = Said("error.joined", {"first": part, "rest": out})
    return out


class StorebookError(Exception):
    """Base class: the message is meant to be read by an analyst, not a developer.

    ``key`` and ``values`` (optional) name the same message in the text catalogue, so that a
    reader who asked for another language is told it in that one (:meth:`said`).
    """

    def __init__(self, *args: Any, key: str | None = None, values: dict | None = None) -> None:
        super().__init__(*args)
        self.key = key
        self.values = dict(values or {})

    def said(self, text: Any) -> str:
        """The message in ``text``'s language (:class:`storebook.report.text.Text`), from the
        catalogue; the English message itself where the error names no key."""
        return str(self) if self.key is None else say(text, self.key, self.values)


class InputError(StorebookError):
    """A raw file cannot be ingested as it stands.

    >>> str(InputError("data/raw/orders/x.csv", "the file is empty", expected="rows", todo="re-export"))
    'data/raw/orders/x.csv: the file is empty. Expected: rows. What to do: re-export.'

    ``key`` names the problem in the text catalogue, ``<key>.expected`` and ``<key>.todo`` the
    expectation and what to do (where the error has them), all filled from ``values``; file, row
    and column are said around them as the English says them (:meth:`said`).
    """

    def __init__(
        self,
        path: str | Path,
        problem: str,
        *,
        row: int | None = None,
        column: str | None = None,
        expected: str = "",
        todo: str = "",
        key: str | None = None,
        values: dict | None = None,
    ) -> None:
        self.path = str(path)
        self.problem = problem
        self.row = row
        self.column = column
        self.expected = expected
        self.todo = todo
        where = self.path
        if row is not None:
            where += f", row {row}"
        if column:
            where += f", column '{column}'"
        text = f"{where}: {problem}."
        if expected:
            text += f" Expected: {expected}."
        if todo:
            text += f" What to do: {todo}."
        super().__init__(text, key=key, values=values)

    def keys(self) -> list[str]:
        """The catalogue keys the error is said with (none without a ``key``)."""
        if self.key is None:
            return []
        return [self.key] + [f"{self.key}.{part}" for part in ("expected", "todo") if getattr(self, part)]

    def said(self, text: Any) -> str:
        """The message in ``text``'s language: the file, row and column as they are, the problem,
        the expectation and what to do from the catalogue. Without a key: the English message."""
        if self.key is None:
            return str(self)
        where = self.path
        if self.row is not None:
            where += text("error.input.row", row=self.row)
        if self.column:
            where += text("error.input.column", column=self.column)
        out = text("error.input.problem", where=where, problem=say(text, self.key, self.values))
        if self.expected:
            out += text("error.input.expected", expected=say(text, f"{self.key}.expected", self.values))
        if self.todo:
            out += text("error.input.todo", todo=say(text, f"{self.key}.todo", self.values))
        return out


class IngestError(StorebookError):
    """One or more raw files cannot be ingested; nothing in data/processed was changed."""

    def __init__(self, problems: list[InputError]) -> None:
        self.problems = problems
        lines = [f"ingest stopped: {len(problems)} file problem(s); data/processed was left as it was."]
        lines += [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines), key="error.ingest.stopped", values={"count": str(len(problems))})

    def said(self, text: Any) -> str:
        """The heading and each file's problem in ``text``'s language (a problem without a key
        in English)."""
        return "\n".join([say(text, self.key, self.values), *(f"  - {p.said(text)}" for p in self.problems)])


class NoDataError(StorebookError):
    """The requested period or slice has no rows to analyse.

    ``key`` and ``values`` name the same message in the report's text catalogue: a page shows
    that one, in the pack's language (the message itself is English, for logs and the CLI).

    >>> e = NoDataError("no traffic rows for 2026-09", key="traffic.no_rows", values={"month": "2026-09"})
    >>> str(e), e.key
    ('no traffic rows for 2026-09', 'traffic.no_rows')
    """

    def __init__(self, message: str = "", *, key: str | None = None, values: dict | None = None) -> None:
        super().__init__(message, key=key, values=values)
