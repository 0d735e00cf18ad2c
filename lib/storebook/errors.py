"""Errors that speak to an analyst: which file, which row, which column, what was expected,
and what to do about it."""

from __future__ import annotations

from pathlib import Path


class StorebookError(Exception):
    """Base class: the message is meant to be read by an analyst, not a developer."""


class InputError(StorebookError):
    """A raw file cannot be ingested as it stands.

    >>> str(InputError("data/raw/orders/x.csv", "the file is empty", expected="rows", todo="re-export"))
    'data/raw/orders/x.csv: the file is empty. Expected: rows. What to do: re-export.'
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
        super().__init__(text)


class IngestError(StorebookError):
    """One or more raw files cannot be ingested; nothing in data/processed was changed."""

    def __init__(self, problems: list[InputError]) -> None:
        self.problems = problems
        lines = [f"ingest stopped: {len(problems)} file problem(s); data/processed was left as it was."]
        lines += [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


class NoDataError(StorebookError):
    """The requested period or slice has no rows to analyse.

    ``key`` and ``values`` name the same message in the report's text catalogue: a page shows
    that one, in the pack's language (the message itself is English, for logs and the CLI).

    >>> e = NoDataError("no traffic rows for 2026-09", key="traffic.no_rows", values={"month": "2026-09"})
    >>> str(e), e.key
    ('no traffic rows for 2026-09', 'traffic.no_rows')
    """

    def __init__(self, message: str = "", *, key: str | None = None, values: dict | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.values = dict(values or {})
