"""The SQL side of the mapping language: a locked-down DuckDB connection, the check that a
declared expression is one column expression (no statement, no subquery, no file access),
quoting, and the SQL that reads a text value as a number, a date or a time.

Expressions are written by the analyst in ``storebook.sources.yaml`` and run on their own
machine, but they are still held to column expressions: the connection that runs them has
external access disabled and its configuration locked, and each expression is parsed on
its own (``json_serialize_sql``) and refused unless it is exactly one expression over the
file's columns.
"""

from __future__ import annotations

import functools
import json
import re

import duckdb

from storebook.engine.sqltext import literal

#: Pseudo-columns every mapping may use besides the file's own columns.
PSEUDO_COLUMNS = ("_row", "_file", "_period_start", "_period_end")
#: What every typed input reads as empty besides the empty string.
TYPED_MISSING = ("-", "--", "—", "null", "NULL", "None", "nan", "NaN", "N/A", "n/a", "#N/A")
TRUE_WORDS = ("true", "1", "yes", "y", "t", "是")
FALSE_WORDS = ("false", "0", "no", "n", "f", "否")
#: Formats tried, in order, for a date/time input that declares none.
ISO_NAIVE = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S.%f",
             "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y%m%d")
#: Special formats: seconds or milliseconds since 1970 (UTC), Excel serial day numbers.
EPOCH_FORMATS = ("unix", "unix_ms", "excel")


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that cannot read or write files, with its settings locked.

    Time zones are always converted explicitly (``timezone(zone, value)``); the session
    zone is UTC so that nothing depends on the machine's.
    """
    con = duckdb.connect(config={"enable_external_access": False, "autoinstall_known_extensions": False,
                                 "autoload_known_extensions": False})
    con.execute("SET TimeZone = 'UTC'")
    con.execute(_NUMBER_MACRO)
    con.execute("SET lock_configuration = true")
    return con


# A number as exports write it: a currency sign before, 元/円 after, a percent sign (÷100),
# 万/亿 (×10⁴/×10⁸), a trailing + ("1万+": at least that many). What is left must be a
# number with the declared separators, thousands in groups of three: "45,00" is not 4500.
_NUMBER_MACRO = r"""
CREATE MACRO _sb_strip_number(v) AS
    regexp_replace(regexp_replace(regexp_replace(v, '[\s\x{00a0}]', '', 'g'), '^[¥￥$€£₹]|(元|円)$', '', 'g'),
                   '\+$|[%万亿]\+?$', '', 'g');
CREATE MACRO _sb_number(v, thou, dec, shape) AS (
    CASE WHEN regexp_full_match(_sb_strip_number(v), shape) THEN
        try_cast(replace(replace(_sb_strip_number(v), thou, ''), dec, '.') AS DOUBLE)
        * CASE WHEN regexp_matches(v, '%\s*$') THEN 0.01
               WHEN regexp_matches(v, '万\+?\s*$') THEN 10000
               WHEN regexp_matches(v, '亿\+?\s*$') THEN 100000000 ELSE 1 END
    END)
"""


@functools.lru_cache(maxsize=1)
def _parser() -> duckdb.DuckDBPyConnection:
    return connect()


def check_expression(expr: str) -> str | None:
    """Why ``expr`` is not one safe column expression, or None when it is.

    >>> check_expression("Quantity * UnitPrice") is None
    True
    >>> check_expression("1) FROM x; DROP TABLE y; SELECT (1")
    'it is not one SQL expression (syntax error at or near ")")'
    """
    if not isinstance(expr, str) or not expr.strip():
        return "it is empty"
    text = _parser().execute("SELECT json_serialize_sql(?)", [f"SELECT {expr}\nFROM __t"]).fetchall()[0][0]
    parsed = json.loads(text)
    if parsed.get("error"):
        return f"it is not one SQL expression ({parsed.get('error_message', 'syntax error')})"
    statements = parsed.get("statements") or []
    node = statements[0]["node"] if len(statements) == 1 else {}
    from_table = node.get("from_table") or {}
    if (node.get("type") != "SELECT_NODE" or len(node.get("select_list") or []) != 1
            or from_table.get("type") != "BASE_TABLE" or from_table.get("table_name") != "__t"
            or node.get("where_clause") or node.get("group_expressions") or node.get("having")
            or node.get("qualify") or node.get("modifiers") or (node.get("cte_map") or {}).get("map")):
        return "it is not one column expression (a statement, a clause or a second expression follows it)"
    if node["select_list"][0].get("alias"):
        return "it renames its result (`AS`): the key it is declared under names the result"
    if _finds(node["select_list"][0], {"SUBQUERY"}):
        return "it holds a subquery: expressions may use the file's columns only"
    if _finds(node["select_list"][0], {"STAR"}):
        return "it uses * or COLUMNS(): name the columns"
    return None


def _finds(tree: object, classes: set[str]) -> bool:
    if isinstance(tree, dict):
        if tree.get("class") in classes:
            return True
        return any(_finds(v, classes) for v in tree.values())
    if isinstance(tree, list):
        return any(_finds(v, classes) for v in tree)
    return False


# ----------------------------------------------------------------------------- typed inputs

def number_sql(value: str, thousands: str, decimal: str) -> str:
    """SQL reading the text ``value`` as a DOUBLE (NULL when it does not read)."""
    t, d = re.escape(thousands), re.escape(decimal)
    groups = f"[0-9]{{1,3}}({t}[0-9]{{3}})+|" if thousands else ""
    shape = f"[+-]?(({groups}[0-9]+)({d}[0-9]+)?|{d}[0-9]+)([eE][+-]?[0-9]+)?"
    return f"_sb_number({value}, {literal(thousands)}, {literal(decimal)}, {literal(shape)})"


def integer_sql(value: str, thousands: str, decimal: str) -> str:
    """SQL reading ``value`` as a BIGINT (NULL unless a whole number)."""
    n = number_sql(value, thousands, decimal)
    return f"(CASE WHEN {n} = round({n}) THEN CAST({n} AS BIGINT) END)"


def boolean_sql(value: str) -> str:
    """SQL reading ``value`` as a BOOLEAN (true/false, yes/no, 1/0, 是/否)."""
    low = f"lower({value})"
    yes = ", ".join(literal(w) for w in TRUE_WORDS)
    no = ", ".join(literal(w) for w in FALSE_WORDS)
    return f"(CASE WHEN {low} IN ({yes}) THEN true WHEN {low} IN ({no}) THEN false END)"


def has_offset(fmt: str) -> bool:
    return "%z" in fmt or "%Z" in fmt


def timestamp_sql(value: str, formats: tuple[str, ...], source_zone: str | None, store_zone: str) -> str:
    """SQL reading ``value`` as a naive TIMESTAMP in the store's time zone.

    Each format is tried in order. A value with a UTC offset (formats with ``%z``; or, with
    no format declared, ISO text ending in ``Z`` or ``+08:00``) is converted to the store's
    zone; a naive value is in ``source_zone`` when the source declares one (converted),
    else already in the store's zone.
    """
    store = literal(store_zone)

    def naive(ts: str) -> str:
        if source_zone and source_zone != store_zone:
            return f"timezone({store}, timezone({literal(source_zone)}, {ts}))"
        return ts

    zulu = f"regexp_replace({value}, 'Z$', '+00:00')"
    tries = []
    if not formats:
        offset = f"regexp_matches({value}, '(Z|[+-][0-9][0-9]:?[0-9][0-9])$')"
        plain = ", ".join(naive(f"try_strptime({value}, {literal(f)})") for f in ISO_NAIVE)
        return (f"(CASE WHEN {offset} THEN timezone({store}, try_cast({zulu} AS TIMESTAMPTZ)) "
                f"ELSE coalesce({plain}) END)")
    for fmt in formats:
        if fmt == "unix":
            tries.append(f"timezone({store}, to_timestamp(try_cast({value} AS DOUBLE)))")
        elif fmt == "unix_ms":
            tries.append(f"timezone({store}, to_timestamp(try_cast({value} AS DOUBLE) / 1000))")
        elif fmt == "excel":
            tries.append(naive(f"(TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(try_cast({value} AS DOUBLE) "
                               f"* 86400000000) AS BIGINT)))"))
        elif has_offset(fmt):
            tries.append(f"timezone({store}, try_strptime({zulu}, {literal(fmt)}))")
        else:
            tries.append(naive(f"try_strptime({value}, {literal(fmt)})"))
    return tries[0] if len(tries) == 1 else f"coalesce({', '.join(tries)})"


# ----------------------------------------------------------------------------- results as text

def text_sql(value: str, duck_type: str, store_zone: str) -> str:
    """SQL giving ``value`` (of ``duck_type``) as the text ingest parses ('' for NULL)."""
    t = duck_type.upper()
    if t in {"DOUBLE", "FLOAT", "REAL"} or t.startswith("DECIMAL"):
        # Sums of floats carry noise (15.299999999999999): nine decimals are exact enough.
        out = f"CAST(round(CAST({value} AS DOUBLE), 9) AS VARCHAR)"
    elif t == "TIMESTAMP WITH TIME ZONE":
        out = f"strftime(timezone({literal(store_zone)}, {value}), '%Y-%m-%d %H:%M:%S')"
    elif t.startswith("TIMESTAMP"):
        out = f"strftime(CAST({value} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S')"
    elif t == "DATE":
        out = f"strftime({value}, '%Y-%m-%d')"
    elif t == "BOOLEAN":
        out = f"CASE WHEN {value} THEN 'true' WHEN NOT {value} THEN 'false' END"
    else:
        out = f"CAST({value} AS VARCHAR)"
    return f"coalesce({out}, '')"


def scalar_type(duck_type: str) -> bool:
    """Whether a result of this type is one value (not a list, struct or map)."""
    t = duck_type.upper()
    return not (t.endswith("]") or t.startswith(("STRUCT", "MAP", "UNION")))


def column_refs(expr: str) -> set[str]:
    """The column names an expression refers to (the last part of a qualified name).

    >>> sorted(column_refs('sum("Unit Price" * q.Quantity)'))
    ['Quantity', 'Unit Price']
    """
    return {path[-1] for path in column_paths(expr)}


@functools.lru_cache(maxsize=4096)
def column_paths(expr: str) -> frozenset[tuple[str, ...]]:
    """The column references of an expression as written: ``("q", "Quantity")`` for
    ``q.Quantity``, ``("Unit Price",)`` for ``"Unit Price"``."""
    text = _parser().execute("SELECT json_serialize_sql(?)", [f"SELECT {expr}\nFROM __t"]).fetchall()[0][0]
    found: set[tuple[str, ...]] = set()

    def walk(tree: object) -> None:
        if isinstance(tree, dict):
            if tree.get("class") == "COLUMN_REF" and tree.get("column_names"):
                found.add(tuple(tree["column_names"]))
            for v in tree.values():
                walk(v)
        elif isinstance(tree, list):
            for v in tree:
                walk(v)

    walk(json.loads(text).get("statements"))
    return frozenset(found)
