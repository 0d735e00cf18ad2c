"""From a checked declaration and the file's header to one DuckDB query per table.

The query reads the file's rows as text (registered as ``raw_main``, one column per header
name plus ``_row``, ``_file``, ``_period_start``, ``_period_end``) and, for each joined
source, its files (``raw_<alias>``). In common table expressions, per source:

1. ``<p>_clean``: the source's ``missing:`` spellings (and the empty string) become NULL;
2. ``<p>_typed``: ``inputs:`` read as numbers, dates, times, booleans; ``_bad`` holds the
   first value of the row that does not read as its declared type;
3. ``<p>_filled``: ``fill_down:`` carries values down onto the rows that leave them empty;
4. ``<p>_kept``: the rows ``where:`` keeps (a row with a value that does not read is kept
   whatever ``where:`` says when its condition cannot be decided, so that it is rejected
   with its reason rather than skipped);
5. per join, ``<alias>_one``: the joined rows grouped by the join key (one row per key:
   ``columns:`` from the key's first row, ``compute:`` aggregates).

Each table's SELECT then maps, computes, groups and filters, and gives every canonical
column as the text ingest parses, with the file row it comes from (a group's first row)
and the first unreadable value it depends on. Every piece is bound against empty frames
with the header before a row of data is read, so that a mistake names its key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from storebook.engine import schema
from storebook.engine.sqltext import literal, quote
from storebook.errors import InputError, Said
from storebook.ingest.sources.base import REGION_COLUMNS
from storebook.ingest.sources.mapping.spec import Input, Output, SourceSpec, why_said
from storebook.ingest.sources.mapping.sql import (
    PSEUDO_COLUMNS,
    TYPED_MISSING,
    boolean_sql,
    check_expression,
    column_paths,
    column_refs,
    integer_sql,
    number_sql,
    scalar_type,
    text_sql,
    timestamp_sql,
)

BAD_TYPE = ('STRUCT("column" VARCHAR, "value" VARCHAR, "row" BIGINT, "file" VARCHAR, expected VARCHAR, '
            '"source" VARCHAR)')
_EXPECTED = {"number": "a number", "integer": "a whole number", "boolean": "true/false",
             "date": "a date", "timestamp": "a date and time"}
_NUMERIC = {"int", "Int64", "float"}
_WHEN = {"date", "timestamp"}


@dataclass
class OutputPlan:
    """The query of one table, and what to record about it."""

    table: str
    sql: str
    count_sql: str
    grouped: bool
    column_notes: dict[str, str] = field(default_factory=dict)
    #: The query gives each record's country (``_country``: the declared ``country: {column:}``).
    country: bool = False
    #: The query gives each record's currency cells (``_currency``: the declared ``currency: {column:}``'s
    #: non-empty values, distinct, joined by CURRENCY_SEPARATOR; a group's from all its rows).
    currency: bool = False


#: Between a group's currency values in ``_currency`` (the ASCII unit separator: in no cell of an export).
CURRENCY_SEPARATOR = "\x1f"


@dataclass
class Plan:
    """A source compiled against its header(s)."""

    ctes: str
    outputs: list[OutputPlan]
    used: set[str]
    kept_sql: str = ""
    join_stats: dict[str, str] = field(default_factory=dict)
    #: The rows stating each value of the declared currency column (``currency: {column:}``),
    #: among the rows ``where:`` keeps: value, rows, first row; "" when no column is declared.
    currency_sql: str = ""


def frame_of(header: list[str], rows: int = 0) -> pa.Table:
    """An empty text relation with ``header`` and the pseudo-columns (for binding)."""
    cols = {name: pa.array([], pa.string()) for name in header}
    cols |= {"_row": pa.array([], pa.int64()), "_file": pa.array([], pa.string()),
             "_period_start": pa.array([], pa.string()), "_period_end": pa.array([], pa.string())}
    return pa.table(cols)


class Compiler:
    """Compiles one source (see the module docstring).

    Args:
        spec: the source.
        header: its file's column names.
        joined: per join alias, the joined source and the header of its files.
        store_zone: the store's time zone (naive times out).
        declared_in: the declarations file's name, for messages.
        path: the data file, for messages.
        header_row: the header's row in the file, for messages.
    """

    def __init__(self, spec: SourceSpec, header: list[str], joined: dict[str, tuple[SourceSpec, list[str]]],
                 store_zone: str, declared_in: str, path: Path, header_row: int) -> None:
        self.spec, self.header, self.joined = spec, header, joined
        self.store_zone, self.path, self.header_row = store_zone, path, header_row
        self.where = f"{declared_in}, source '{spec.name}'"
        self.declared_in = declared_in  # for the catalogue's words of the errors (error.mapping.*)
        self.used: set[str] = set()

    # ------------------------------------------------------------------ errors
    def _absent(self, missing: list[tuple[str, str]], header: list[str], whose: str = "",
                joined: tuple[str, str] | None = None) -> InputError:
        """The error for declared columns the header lacks; ``whose`` (and ``joined``: the joined
        source and its alias, for the catalogue's words) when the header is a joined file's."""
        names = ", ".join(f"'{name}'" for name, _ in missing)
        keys = ", ".join(sorted({f"`{key}`" for _, key in missing}))
        todo = f"fix {keys} (names must match the header exactly, spaces aside) or `header_row:`"
        hashed = [h for h in header for name, _ in missing if "#" in h and h.startswith(name)]
        if hashed:
            todo += f"; the header has '{hashed[0]}': in YAML ' #' starts a comment, write \"{hashed[0]}\" in quotes"
        return InputError(self.path, f"column(s) {names} declared in {self.where} ({keys}) are not in the header"
                          + (f" of {whose}" if whose else ""),
                          row=self.header_row, column=missing[0][0],
                          expected=f"the header (row {self.header_row}) to hold them; it has: {', '.join(header[:40])}",
                          todo=todo, key="error.mapping.absent",
                          values={"names": names, "declared_in": self.declared_in, "source": self.spec.name, "keys": keys,
                                  "whose": Said("error.mapping.absent.joined", {"joined": joined[0], "alias": joined[1]})
                                  if whose and joined else whose,
                                  "row": str(self.header_row), "header": ", ".join(header[:40]),
                                  "hashed": Said("error.mapping.absent.hashed", {"name": hashed[0]}) if hashed else ""})

    def _sql_error(self, key: str, expr: str, exc: duckdb.Error, grouped: bool = False) -> InputError:
        message = str(exc).split("\n\nLINE")[0].split("\n\tCandidate functions")[0].strip()
        message = message if len(message) < 400 else message[:400] + " …"
        todo = "fix the expression (docs/sources.md, 'Expressions')"
        said = "fix"
        if "not found in FROM clause" in message or "does not have a column named" in message:
            said = "column"
            todo = ("use a column of the header (names holding spaces, brackets or # in double quotes: \"Order #\"), "
                    "a joined column as <join>.<column>, or _row, _file, _period_start, _period_end")
        elif "GROUP BY" in message or "aggregate" in message:
            said = "grouped" if grouped else "group_by"
            todo = ("in a table with `group_by:` wrap the column in an aggregate (sum, min, max, count, "
                    "first(x ORDER BY _row)); an aggregate in a table without `group_by:` needs one"
                    if not grouped else "wrap the column in an aggregate (sum, min, max, count, first(x ORDER BY _row)) "
                    "or add it to `group_by:`")
        elif "(DATE, BIGINT)" in message or "(BIGINT, DATE)" in message:
            said = "date_plus"
            todo = "add days to a date as date + CAST(days AS INTEGER), or date + INTERVAL (days) DAY"
        elif "No function matches" in message or "Cannot compare" in message or "Could not convert" in message:
            said = "text"
            todo = ("the file's columns are text: declare the column's type under `inputs:` (number, integer, "
                    "date, timestamp, boolean) to compute with it, or cast it (CAST(x AS DOUBLE))")
        return InputError(self.path, f"{self.where}, `{key}`: `{expr}` does not run on this file: {message}",
                          expected="an SQL expression over the file's columns (header: "
                                   f"{', '.join(self.header[:30])})", todo=todo,
                          key=f"error.mapping.sql.{said}",
                          values={"declared_in": self.declared_in, "source": self.spec.name, "yaml_key": key, "expr": expr,
                                  "message": message, "header": ", ".join(self.header[:30])})

    # ------------------------------------------------------------------ names
    def _name_or_expr(self, text: str, header: list[str], qualifier: str, key: str) -> str:
        """A header name as a column reference, anything else as a checked expression."""
        if text in header or text in PSEUDO_COLUMNS:
            self.used.add(text)
            return f"{qualifier}{quote(text)}"
        why = check_expression(text)
        if why:
            raise InputError(self.path, f"{self.where}, `{key}`: '{text}' is not a column of the header, and as an "
                             f"expression {why}", row=self.header_row, column=text,
                             expected=f"a header name ({', '.join(header[:30])}) or an SQL expression",
                             todo="fix the name (in YAML a ' #' starts a comment: quote names holding '#')",
                             key="error.mapping.not_column",
                             values={"declared_in": self.declared_in, "source": self.spec.name, "yaml_key": key,
                                     "text": text, "why": why_said(why), "header": ", ".join(header[:30])})
        self.used |= column_refs(text)
        return f"({text}\n)"

    def check_names(self) -> None:
        """Every plain column name the declaration gives is in its file's header."""
        spec, header = self.spec, self.header
        known = set(header) | set(PSEUDO_COLUMNS)
        missing = [(c, f"inputs.{c}") for c in spec.inputs if c not in known]
        missing += [(c, "fill_down") for c in [*spec.fill_down, *spec.fill_within] if c not in known]
        if spec.currency and spec.currency.column and spec.currency.column not in known:
            missing.append((spec.currency.column, "currency.column"))
        if (spec.country and spec.country.column and spec.country.column not in known
                and not self._joined_column(spec.country.column)):
            missing.append((spec.country.column, "country.column"))
        for out in spec.outputs.values():
            sub = f"{out.key}." if out.key else ""
            for target, name in out.columns.items():
                if name not in known and not self._joined_column(name):
                    missing.append((name, f"{sub}columns.{target}"))
        if missing:
            raise self._absent(missing, header)
        for alias, (jspec, jheader) in self.joined.items():
            jknown = set(jheader) | set(PSEUDO_COLUMNS)
            jmissing = [(c, f"inputs.{c}") for c in jspec.inputs if c not in jknown]
            jmissing += [(c, f"joins.{alias}.columns") for c in spec.joins[alias].columns if c not in jknown]
            if jmissing:
                raise self._absent(jmissing, jheader, f"the files of source '{jspec.name}' (joined as {alias})",
                                   (jspec.name, alias))
        self.used |= {c for out in spec.outputs.values() for c in out.columns.values()} | set(spec.inputs)
        self.used |= set(spec.fill_down) | set(spec.fill_within)
        if spec.currency and spec.currency.column:
            self.used.add(spec.currency.column)
        if spec.country and spec.country.column in known:
            self.used.add(spec.country.column)

    def _joined_column(self, name: str) -> tuple[str, str] | None:
        alias, _, column = name.partition(".")
        join = self.spec.joins.get(alias)
        if join is not None and (column in join.columns or column in join.compute):
            return alias, column
        return None

    # ------------------------------------------------------------------ per-source CTEs
    def _parse(self, inp: Input, value: str, spec: SourceSpec) -> str:
        if inp.type == "number":
            return number_sql(value, spec.thousands, spec.decimal)
        if inp.type == "integer":
            return integer_sql(value, spec.thousands, spec.decimal)
        if inp.type == "boolean":
            return boolean_sql(value)
        ts = timestamp_sql(value, inp.formats, spec.timezone, self.store_zone)
        return f"CAST({ts} AS DATE)" if inp.type == "date" else ts

    def source_ctes(self, spec: SourceSpec, rel: str, p: str, header: list[str]) -> list[str]:
        """The clean → typed → filled → kept CTEs of one source over relation ``rel``."""
        clean = []
        for c in header:
            inp = spec.inputs.get(c)
            missing = set(spec.missing) | set(inp.missing if inp else ()) | (
                set(TYPED_MISSING) if inp and inp.type != "text" else set())
            q = quote(c)
            spellings = f" OR {q} IN ({', '.join(literal(m) for m in sorted(missing))})" if missing else ""
            clean.append(f"CASE WHEN {q} = ''{spellings} THEN NULL ELSE {q} END AS {q}")
        pseudo = ("_row, _file, CAST(nullif(_period_start, '') AS DATE) AS _period_start, "
                  "CAST(nullif(_period_end, '') AS DATE) AS _period_end")
        ctes = [f"{p}_clean AS (SELECT {pseudo}{''.join(', ' + x for x in clean)} FROM {rel})"]
        typed, bad = [], []
        for c in header:
            inp, q = spec.inputs.get(c), quote(c)
            if inp is None or inp.type == "text":
                expr = q if inp is None or inp.default is None else f"coalesce({q}, {literal(inp.default)})"
            else:
                parsed = self._parse(inp, q, spec)
                expr = parsed if inp.default is None else (
                    f"CASE WHEN {q} IS NULL THEN {self._parse(inp, literal(inp.default), spec)} ELSE {parsed} END")
                bad.append(f"WHEN {q} IS NOT NULL AND ({parsed}) IS NULL THEN struct_pack(\"column\" := {literal(c)}, "
                           f"\"value\" := {q}, \"row\" := _row, \"file\" := _file, expected := {literal(_EXPECTED[inp.type])}, "
                           f"\"source\" := {literal(spec.name)})")
            typed.append(f"{expr} AS {q}")
        bad_sql = f"CAST(CASE {' '.join(bad)} END AS {BAD_TYPE})" if bad else f"CAST(NULL AS {BAD_TYPE})"
        ctes.append(f"{p}_typed AS (SELECT _row, _file, _period_start, _period_end{''.join(', ' + x for x in typed)}, "
                    f"{bad_sql} AS _bad FROM {p}_clean)")
        if spec.fill_down:
            within = f"PARTITION BY {', '.join(quote(c) for c in spec.fill_within)} " if spec.fill_within else ""
            fills = ", ".join(f"last_value({quote(c)} IGNORE NULLS) OVER ({within}ORDER BY _row ROWS BETWEEN "
                              f"UNBOUNDED PRECEDING AND CURRENT ROW) AS {quote(c)}" for c in spec.fill_down)
            ctes.append(f"{p}_filled AS (SELECT * REPLACE ({fills}) FROM {p}_typed)")
        else:
            ctes.append(f"{p}_filled AS (SELECT * FROM {p}_typed)")
        keep = f" WHERE coalesce(({spec.where}\n), _bad IS NOT NULL)" if spec.where else ""
        ctes.append(f"{p}_kept AS (SELECT * FROM {p}_filled{keep})")
        return ctes

    def join_cte(self, alias: str) -> str:
        """``<alias>_one``: the joined rows, one per key."""
        join = self.spec.joins[alias]
        jspec, jheader = self.joined[alias]
        keys = [self._name_or_expr(right, jheader, "", f"joins.{alias}.on") for _, right in join.on]
        cols = [f"{k} AS _k{i}" for i, k in enumerate(keys)]
        cols += [f"arg_min({quote(c)}, _row) FILTER (WHERE {quote(c)} IS NOT NULL) AS {quote(c)}" for c in join.columns]
        cols += [f"({expr}\n) AS {quote(name)}" for name, expr in join.compute.items()]
        # A joined row whose value does not read spoils the key's row only if the join uses it.
        used = set(join.columns) | {r for r in (right for _, right in join.on) if r in jheader}
        for text in [*join.compute.values(), *(r for _, r in join.on if r not in jheader), jspec.where or ""]:
            used |= column_refs(text) if text else set()
        cols += ["count(*) AS _jrows", f"arg_min(_bad, _row) FILTER (WHERE {self._bad_of('_bad', used)} IS NOT NULL) "
                 "AS _jbad"]
        return f"{alias}_one AS (SELECT {', '.join(cols)} FROM j_{alias}_kept GROUP BY {', '.join(keys)})"

    @staticmethod
    def _bad_of(bad: str, used: set[str]) -> str:
        """``bad`` when the unreadable value is in one of the columns ``used``, else NULL."""
        if not used:
            return f"CAST(NULL AS {BAD_TYPE})"
        return f"(CASE WHEN {bad}.\"column\" IN ({', '.join(literal(c) for c in sorted(used))}) THEN {bad} END)"

    # ------------------------------------------------------------------ per-table SELECT
    def _from(self) -> str:
        parts = ["m_kept AS _m"]
        for alias, join in self.spec.joins.items():
            on = " AND ".join(f"{self._name_or_expr(left, self.header, '_m.', f'joins.{alias}.on')} = {alias}._k{i}"
                              for i, (left, _) in enumerate(join.on))
            parts.append(f"LEFT JOIN {alias}_one AS {alias} ON {on}")
        return " ".join(parts)

    def _bad(self, out: Output) -> str:
        """The first unreadable value a row of ``out`` depends on: in the columns the table
        (or the source's ``where:``) uses, or in a join it uses."""
        paths: set[tuple[str, ...]] = set()
        texts = [*out.compute.values(), *([out.where] if out.where else []), *([self.spec.where] if self.spec.where else [])]
        texts += [g for g in out.group_by if g not in self.header]
        for text in texts:
            paths |= column_paths(text)
        for name in [*out.columns.values(), *(g for g in out.group_by if g in self.header)]:
            joined = self._joined_column(name) if name not in self.header else None
            paths.add(joined if joined else (name,))
        aliases = {p[0] for p in paths if len(p) == 2 and p[0] in self.spec.joins}
        names = {p[-1] for p in paths if not (len(p) == 2 and p[0] in self.spec.joins)}
        for alias in aliases:
            names |= {left for left, _ in self.spec.joins[alias].on if left in self.header}
            names |= {c for left, _ in self.spec.joins[alias].on if left not in self.header for c in column_refs(left)}
        parts = [self._bad_of("_m._bad", names), *(f"{a}._jbad" for a in sorted(aliases))]
        return f"coalesce({', '.join(parts)})"

    def _typed_columns(self, out: Output, group_keys: set[str]) -> dict[str, str]:
        """Each canonical column the table gives, as a typed SQL expression."""
        exprs = {}
        for target, name in out.columns.items():
            joined = self._joined_column(name) if name not in self.header else None
            ref = f"{joined[0]}.{quote(joined[1])}" if joined else f"_m.{quote(name)}"
            if out.group_by and name not in group_keys:
                ref = f"arg_min({ref}, _m._row) FILTER (WHERE {ref} IS NOT NULL)"
            exprs[target] = ref
        for target, expr in out.compute.items():
            exprs[target] = f"({expr}\n)"
        return exprs

    def output(self, con: duckdb.DuckDBPyConnection, out: Output, ctes: str) -> OutputPlan:
        """Bind the table's query key by key against the empty frames; return its text query."""
        sub = f"{out.key}." if out.key else ""
        group_sql = [self._name_or_expr(g, self.header, "_m.", f"{sub}group_by") for g in out.group_by]
        group_keys = {g for g in out.group_by if g in self.header}
        bad = self._bad(out)
        where = f"coalesce(({out.where}\n), {bad} IS NOT NULL)" if out.where else "true"
        from_sql = self._from()

        def base(select: str) -> str:  # not str.format: expressions may hold braces
            return f"WITH {ctes} SELECT {select} FROM {from_sql} WHERE {where}"

        tail = f" GROUP BY {', '.join(group_sql)}" if group_sql else ""
        row = "min(_m._row)" if group_sql else "_m._row"
        if out.where:
            self.used |= column_refs(out.where)
            self._bind(con, base("_m._row"), f"{sub}where", out.where)
        typed = self._typed_columns(out, group_keys)
        types = {}
        for target, expr in typed.items():
            key = f"{sub}compute.{target}" if target in out.compute else f"{sub}columns.{target}"
            if target in out.compute:
                self.used |= column_refs(out.compute[target])
            shown = out.compute.get(target, out.columns.get(target, ""))
            # With the row number beside it, an aggregate in a table without group_by fails here.
            rel = self._bind(con, base(f"{expr}, {row}") + tail, key, shown, bool(group_sql))
            types[target] = rel.types[0]
            if not scalar_type(str(types[target])):
                raise InputError(self.path, f"{self.where}, `{key}`: `{shown}` gives {types[target]}",
                                 expected="one value per row", todo="pick one element (x[1]) or aggregate it",
                                 key="error.mapping.not_scalar",
                                 values={"declared_in": self.declared_in, "source": self.spec.name, "yaml_key": key,
                                         "shown": shown, "type": str(types[target])})
        bad = f"arg_min({bad}, _m._row) FILTER (WHERE {bad} IS NOT NULL)" if group_sql else bad
        texts, notes = self._texts(out, typed, types)
        extra = []
        if self._has_country(out):
            country = self._country(out, group_keys)
            self._bind(con, base(f"{country}, {row}") + tail, "country.column", self.spec.country.column,
                       bool(group_sql))
            extra.append(f"{country} AS _country")
        currency = ""
        if self.spec.currency and self.spec.currency.column:
            cell = f"trim(CAST(_m.{quote(self.spec.currency.column)} AS VARCHAR))"
            # A record's rows all count: a group summed over a row in an unknown currency is as unknown.
            currency = (f"coalesce(string_agg(DISTINCT {cell}, chr(31) ORDER BY {cell}) FILTER (WHERE {cell} <> ''), '')"
                        if group_sql else f"coalesce({cell}, '')")
            self._bind(con, base(f"{currency}, {row}") + tail, "currency.column", self.spec.currency.column,
                       bool(group_sql))
            extra.append(f"{currency} AS _currency")
        select = ", ".join([*(f"{texts[c]} AS {quote(c)}" for c in texts), f"{row} AS _row", f"{bad} AS _bad", *extra])
        sql = base(select) + tail + " ORDER BY _row"
        self._bind(con, sql, out.key or "table", out.table, bool(group_sql))
        count_sql = base("count(*)")
        return OutputPlan(out.table, sql, count_sql, bool(group_sql), notes, self._has_country(out), bool(currency))

    def _has_country(self, out: Output) -> bool:
        """Whether the table's rows take their country from a column (``country: {column:}``) and
        the table has a region to read in it."""
        regions = {c for t, c in REGION_COLUMNS if t == out.table}
        return bool(self.spec.country and self.spec.country.column and regions & set(out.produced()))

    def _country(self, out: Output, group_keys: set[str]) -> str:
        """Each record's country as text, the file's spellings mapped to codes (a group's: its
        first row's that names one)."""
        name = self.spec.country.column
        joined = self._joined_column(name) if name not in self.header else None
        ref = f"{joined[0]}.{quote(joined[1])}" if joined else f"_m.{quote(name)}"
        ref = f"trim(CAST({ref} AS VARCHAR))"
        if out.group_by and name not in group_keys:
            ref = f"arg_min({ref}, _m._row) FILTER (WHERE nullif({ref}, '') IS NOT NULL)"
        return f"coalesce({self._mapped(ref, self.spec.country.values)}, '')"

    def _bind(self, con: duckdb.DuckDBPyConnection, sql: str, key: str, shown: str,
              grouped: bool = False) -> duckdb.DuckDBPyRelation:
        try:
            return con.sql(sql)
        except duckdb.Error as exc:
            raise self._sql_error(key, shown, exc, grouped) from None

    def _texts(self, out: Output, typed: dict[str, str], types: dict) -> tuple[dict[str, str], dict[str, str]]:
        """Each canonical column as text (value maps, number and date clean-ups, defaults)."""
        kinds = {c.name: c.kind for c in schema.columns(out.table)}
        texts, notes = {}, {}
        for target, expr in typed.items():
            duck = str(types[target]).upper()
            plain_text = target in out.columns and duck == "VARCHAR"
            value = expr if not plain_text else self._mapped(expr, out.values.get(target))
            if plain_text and kinds[target] in _NUMERIC:
                value = self._number_text(value)
            elif plain_text and kinds[target] in _WHEN:
                fmt = out.date_formats.get(target, self.spec.date_format)
                parsed = timestamp_sql(value, (fmt,) if fmt else (), self.spec.timezone, self.store_zone)
                shape = "%Y-%m-%d" if kinds[target] == "date" else "%Y-%m-%d %H:%M:%S"
                # A value that does not fit is passed on as written: ingest rejects its row.
                value = f"coalesce(strftime({parsed}, '{shape}'), {value})"
                if fmt:
                    notes[target] = f"declared date format {fmt} in {self.where}"
            text = f"coalesce({value}, '')" if plain_text else text_sql(value, duck, self.store_zone)
            if not plain_text and target in out.values:
                text = self._mapped(text, out.values[target])
            if target in out.values:
                notes[target] = f"values mapped by `values: {target}:` in {self.where}"
            if target in out.compute:
                notes.setdefault(target, f"computed as `{out.compute[target]}` in {self.where}")
            texts[target] = text
        for target, value in out.constants.items():
            texts[target] = literal(value)
        for target, value in out.defaults.items():
            texts[target] = f"coalesce(nullif({texts[target]}, ''), {literal(value)})" if target in texts else literal(value)
        return texts, notes

    @staticmethod
    def _mapped(value: str, mapping: dict[str, str] | None) -> str:
        if not mapping:
            return value
        whens = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in mapping.items())
        return f"(CASE {value} {whens} ELSE {value} END)"

    def _number_text(self, value: str) -> str:
        # The separators stay as written: ingest reads them in the declared format (the
        # source's SourceFrame.number_format), so that a value of another format is rejected
        # by name instead of read another way (12.5 under `decimal: ","` is not 125).
        out = f"regexp_replace({value}, '[\\x{{00a0}} ]', '', 'g')"
        return f"(CASE WHEN {value} IN ('-', '--', 'null', 'NULL') THEN '' ELSE {out} END)"

    # ------------------------------------------------------------------ the whole source
    def compile(self, con: duckdb.DuckDBPyConnection) -> Plan:
        """Bind everything against empty frames registered as ``raw_main`` / ``raw_<alias>``."""
        self.check_names()
        con.register("raw_main", frame_of(self.header))
        ctes = self.source_ctes(self.spec, "raw_main", "m", self.header)
        for alias, (jspec, jheader) in self.joined.items():
            con.register(f"raw_{alias}", frame_of(jheader))
            ctes += self.source_ctes(jspec, f"raw_{alias}", f"j_{alias}", jheader)
            ctes.append(self.join_cte(alias))
        self._check_defaults(con)
        sources = [("", self.spec, "m")] + [(f"joins.{a}: ", s, f"j_{a}") for a, (s, _) in self.joined.items()]
        for label, spec, p in sources:
            if spec.where:
                self.used |= column_refs(spec.where) if p == "m" else set()
                self._bind(con, f"WITH {', '.join(ctes)} SELECT count(*) FROM {p}_kept", f"{label}where", spec.where)
        text = ", ".join(ctes)
        for alias in self.joined:
            self._bind(con, f"WITH {text} SELECT * FROM {alias}_one", f"joins.{alias}", f"join {alias}")
        outputs = [self.output(con, out, text) for out in self.spec.outputs.values()]
        stats = {alias: f"WITH {text} SELECT (SELECT count(*) FROM j_{alias}_kept), (SELECT count(*) FROM {alias}_one)"
                 for alias in self.joined}
        currency = self.spec.currency.column if self.spec.currency else ""
        currency_sql = (f"WITH {text} SELECT trim(CAST({quote(currency)} AS VARCHAR)) AS v, count(*), min(_row) "
                        f"FROM m_kept WHERE trim(CAST({quote(currency)} AS VARCHAR)) <> '' GROUP BY 1 ORDER BY 3") if currency else ""
        return Plan(text, outputs, self.used, f"WITH {text} SELECT count(*) FROM m_kept", stats, currency_sql)

    def _check_defaults(self, con: duckdb.DuckDBPyConnection) -> None:
        for spec in [self.spec, *(s for s, _ in self.joined.values())]:
            for inp in spec.inputs.values():
                if inp.default is None or inp.type == "text":
                    continue
                value = con.sql(f"SELECT {self._parse(inp, literal(inp.default), spec)}").fetchall()[0][0]
                if value is None:
                    raise InputError(self.path, f"{self.where.split(', source')[0]}, source '{spec.name}', "
                                     f"`inputs.{inp.column}.default`: '{inp.default}' is not {_EXPECTED[inp.type]}",
                                     expected=f"a default that reads as {_EXPECTED[inp.type]}", todo="fix `default:`",
                                     key=f"error.mapping.default.{inp.type}",
                                     values={"declared_in": self.where.split(", source")[0], "source": spec.name,
                                             "column": inp.column, "default": inp.default})
