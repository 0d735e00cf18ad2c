"""The two pieces of SQL text storebook writes by hand around the SQL Ibis compiles: a quoted
identifier and a string literal (a file path, a setting, a timestamp, a mapping's format).

DuckDB follows standard SQL: an identifier is double-quoted and a literal single-quoted, each
with its quote character doubled inside. Every place that builds SQL from a name or a value it
did not write itself goes through these two, so a path or a column with a quote in it cannot
end the text early.
"""

from __future__ import annotations


def quote(name: str) -> str:
    """A column, table or view name as a SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def literal(text: object) -> str:
    """A value's text as a SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"
