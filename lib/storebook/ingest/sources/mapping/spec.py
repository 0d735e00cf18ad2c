"""What one declared source says, checked before any file is opened.

A source in ``storebook.sources.yaml`` is read into a :class:`SourceSpec`. Everything that
can be checked without the file is checked here, and a mistake stops with an InputError
naming the source, the key and the fix: unknown keys, tables and columns, a required
column nothing produces, a column given twice, an encoding, a type or a period that is not
supported, and every SQL expression (one column expression, no statement or subquery:
:func:`storebook.ingest.sources.mapping.sql.check_expression`). What needs the header (does a
named column exist? does an expression bind?) is checked by the compiler before the data
is read.

Two layouts are accepted: the simple one (``table:`` with ``columns:``, ``constants:``,
``values:`` … at the top of the source) and ``tables:``, one entry per table the file
feeds. docs/sources.md is the reference.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storebook.engine import schema
from storebook.errors import InputError, Said
from storebook.ingest.sources.mapping.sql import EPOCH_FORMATS, check_expression
from storebook.ingest.sources.readers import ENCODING_ALIASES

READ_KEYS = {"encoding", "delimiter", "header_row", "column_names", "sheet", "skip_footer", "decimal", "thousands"}
OUTPUT_KEYS = {"columns", "compute", "constants", "values", "defaults", "date_formats", "group_by", "where"}
SOURCE_KEYS = ({"name", "description", "files", "table", "tables", "joins", "inputs", "missing", "fill_down",
                "period", "newest_wins", "timezone", "date_format", "currency", "country"} | READ_KEYS | OUTPUT_KEYS)
JOIN_KEYS = {"source", "on", "columns", "compute"}
INPUT_KEYS = {"type", "formats", "missing", "default"}
INPUT_TYPES = ("text", "number", "integer", "boolean", "date", "timestamp")
_ALIAS = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_HASH_HINT = ("in YAML a ' #' starts a comment, so `Order #` reads as `Order` and `# x` as nothing: "
              "write a name holding '#' in quotes, e.g. order_id: \"Order #\"")


@dataclass
class Input:
    """How to read one column of the file (``inputs:``)."""

    column: str
    type: str = "text"
    formats: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    default: str | None = None


@dataclass
class Join:
    """Another declared source joined by key (``joins:``): one row per key."""

    alias: str
    source: str
    on: list[tuple[str, str]]
    columns: list[str] = field(default_factory=list)
    compute: dict[str, str] = field(default_factory=dict)


@dataclass
class Output:
    """What the file gives one canonical table (an entry of ``tables:``)."""

    table: str
    columns: dict[str, str] = field(default_factory=dict)
    compute: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    date_formats: dict[str, str] = field(default_factory=dict)
    group_by: list[str] = field(default_factory=list)
    where: str | None = None
    key: str = ""  # where it is declared, for messages: "tables.orders" or "" (the simple layout)

    def produced(self) -> set[str]:
        return set(self.columns) | set(self.compute) | set(self.constants) | set(self.defaults)


@dataclass
class Currency:
    """The currency of the source's amounts (``currency:``): one for every row (``code``), or the
    file's column that states each row's (``column``, its spellings mapped by ``values``)."""

    code: str = ""
    column: str = ""
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Country:
    """The country of the source's regions (``country:``): one for every row (``code``), or the
    column that names each row's (``column``: the file's, or a joined one as ``<join>.<column>``;
    its spellings mapped to codes by ``values``). A bare region code (ZJ, SC) is a province of
    China only in a row whose country says China; a row whose country is empty is in the store's
    ``[store] country``."""

    code: str = ""
    column: str = ""
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Period:
    """The period a report covers when its rows carry no date (``period:``)."""

    from_file_name: bool = False
    start: str | None = None
    end: str | None = None


@dataclass
class SourceSpec:
    """One declared source, checked (see the module docstring)."""

    name: str
    files: list[str]
    description: str = ""
    encoding: str = "auto"
    delimiter: str = ","
    header_row: int = 1
    column_names: list[str] = field(default_factory=list)
    sheet: str | int | None = None
    skip_footer: int = 0
    decimal: str = "."
    thousands: str = ","
    timezone: str | None = None
    date_format: str | None = None
    missing: tuple[str, ...] = ()
    inputs: dict[str, Input] = field(default_factory=dict)
    fill_down: list[str] = field(default_factory=list)
    fill_within: list[str] = field(default_factory=list)
    where: str | None = None
    period: Period | None = None
    #: Files of different periods give one record (a SKU in two price lists): the file whose
    #: period ends last keeps it, the others' rows are rejected as superseded (``newest_wins:``).
    newest_wins: bool = False
    #: The currency of the amounts, declared (``currency:``); None: the file states none.
    currency: Currency | None = None
    #: The country of the regions, declared (``country:``); None: the file names none.
    country: Country | None = None
    joins: dict[str, Join] = field(default_factory=dict)
    outputs: dict[str, Output] = field(default_factory=dict)
    raw: dict = field(default_factory=dict)

    def definition(self) -> str:
        """The declaration as canonical text (what a parse of its files depends on)."""
        return json.dumps(_keyed(self.raw), sort_keys=True, ensure_ascii=False, default=str)


def _keyed(value: object) -> object:
    """``value`` with every mapping key as text (YAML reads a bare ``on:`` as true)."""
    if isinstance(value, dict):
        return {("on" if k is True else str(k)): _keyed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keyed(v) for v in value]
    return value


#: The shapes a mapping is written in, where they hold words (the others are YAML alone), by
#: their catalogue keys.
_SHAPES = {"canonical_column: value lines": "error.spec.shape.columns", "column: type lines": "error.spec.shape.inputs",
           "name: expression lines": "error.spec.shape.compute",
           "this file's column: the joined file's column": "error.spec.shape.on",
           "{export value: canonical value}": "error.spec.shape.values",
           "{the file's spelling: code}": "error.spec.shape.spellings"}
#: storebook.ingest.sources.mapping.sql.check_expression's reasons, by their catalogue keys.
_WHY = {"it is empty": "error.sql.why.empty",
        "it is not one column expression (a statement, a clause or a second expression follows it)":
            "error.sql.why.not_column",
        "it renames its result (`AS`): the key it is declared under names the result": "error.sql.why.renames",
        "it holds a subquery: expressions may use the file's columns only": "error.sql.why.subquery",
        "it uses * or COLUMNS(): name the columns": "error.sql.why.star"}


def why_said(why: str) -> Said | str:
    """Why an expression is refused (check_expression), by its catalogue key; the parser's own
    message kept as it is."""
    found = re.fullmatch(r"it is not one SQL expression \((.*)\)", why, re.S)
    if found:
        return Said("error.sql.why.syntax", {"error": found[1]})
    return Said(_WHY[why], {}) if why in _WHY else why


class _Checker:
    """Builds the InputErrors of one source declaration."""

    def __init__(self, spec: object, path: Path, index: int) -> None:
        self.path = path
        name = spec.get("name") if isinstance(spec, dict) else None
        self.who = f"source '{name}'" if name else f"source #{index + 1}"
        self.who_said = (Said("error.spec.who.named", {"name": str(name)}) if name else
                         Said("error.spec.who.numbered", {"number": str(index + 1)}))

    def error(self, key: str, problem: str, todo: str, expected: str = "a declaration as in docs/sources.md", *,
              said: str | None = None, values: dict | None = None) -> InputError:
        """The error, in English; ``said`` names it in the catalogue (``error.spec.<said>``, its
        ``.expected`` and ``.todo``), filled from ``values`` and where in the declaration it is."""
        where = f"{self.who}, `{key}`" if key else self.who
        where_said = Said("error.spec.where", {"who": self.who_said, "yaml_key": key}) if key else self.who_said
        return InputError(self.path, f"{where}: {problem}", expected=expected, todo=todo,
                          key=f"error.spec.{said}" if said else None, values={"where": where_said, **(values or {})})

    def mapping(self, value: object, key: str, what: str = "canonical_column: value lines") -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.error(key, f"is {value!r}, not a mapping", f"write `{key}:` as {what}", said="not_mapping",
                             values={"value": repr(value), "yaml_key": key,
                                     "what": Said(_SHAPES[what], {}) if what in _SHAPES else what})
        return value

    def names(self, value: object, key: str) -> list[str]:
        items = value if isinstance(value, list) else [value]
        for item in items:
            if item is None or (isinstance(item, str) and not item.strip()):
                raise self.error(key, "names an empty column", "give the header's name; " + _HASH_HINT,
                                 said="empty_name")
            if not isinstance(item, str | int | float):
                raise self.error(key, f"holds {item!r}", "list the file's column names", said="not_name",
                                 values={"item": repr(item)})
        return [str(v) for v in items]

    def expression(self, expr: object, key: str) -> str:
        text = scalar_text(expr) if expr is not None else ""
        why = check_expression(text)
        if why:
            raise self.error(key, f"`{text}`: {why}", "write one SQL expression over the file's columns "
                             "(docs/sources.md, 'Expressions'); quote names holding spaces or # in double quotes",
                             said="expression", values={"text": text, "why": why_said(why)})
        return text


def scalar_text(value: object) -> str:
    """A YAML scalar as the text a canonical column is given (true/false, ISO dates)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parse_source(spec: object, path: Path, index: int) -> SourceSpec:
    """Check one entry of ``sources:`` and return it as a :class:`SourceSpec`.

    Raises:
        InputError: naming the source, the key and the fix.
    """
    check = _Checker(spec, path, index)
    if not isinstance(spec, dict):
        raise check.error("", f"is {spec!r}", "write each source as a mapping of keys", said="source_not_mapping",
                          values={"value": repr(spec)})
    unknown = set(spec) - SOURCE_KEYS
    if unknown:
        raise check.error("", f"unknown key(s) {', '.join(sorted(map(str, unknown)))}",
                          f"use only {', '.join(sorted(SOURCE_KEYS))}", said="unknown_keys",
                          values={"keys": ", ".join(sorted(map(str, unknown))), "allowed": ", ".join(sorted(SOURCE_KEYS))})
    for key in ("name", "files"):
        if not spec.get(key):
            raise check.error("", f"`{key}:` is missing", f"add `{key}:`", said="key_missing", values={"yaml_key": key})
    if "table" in spec and "tables" in spec:
        raise check.error("tables", "both `table:` and `tables:` are given",
                          "use `table:` for one table, or `tables:` with one entry per table", said="table_and_tables")
    flat = OUTPUT_KEYS & set(spec)
    if "tables" in spec and flat - {"where"}:
        raise check.error("tables", f"{', '.join(sorted(flat - {'where'}))} sit beside `tables:`",
                          "move them under the table they are for (tables: <table>: columns: …)", said="beside_tables",
                          values={"keys": ", ".join(sorted(flat - {"where"}))})
    if "table" not in spec and "tables" not in spec and flat - {"where"}:
        raise check.error("", "columns are mapped but no table is named", "add `table: <canonical table>`",
                          said="no_table")
    if "table" in spec and not spec.get("columns") and not spec.get("compute") and not spec.get("constants"):
        raise check.error("columns", "`columns:` is missing", "add `columns:` (canonical column: the export's column)",
                          said="no_columns")
    out = SourceSpec(name=str(spec["name"]), files=[str(p) for p in (spec["files"] if isinstance(spec["files"], list)
                                                                       else [spec["files"]])],
                     description=str(spec.get("description", "")), raw=spec)
    _reading(check, spec, out)
    _inputs(check, spec, out)
    if spec.get("where") is not None:
        out.where = check.expression(spec["where"], "where")
    _period(check, spec, out)
    _newest_wins(check, spec, out)
    out.currency = _currency(check, spec.get("currency"))
    out.country = _country(check, spec.get("country"))
    out.joins = {alias: _join(check, alias, j) for alias, j in check.mapping(spec.get("joins"), "joins",
                                                                             "alias: {source:, on:, …}").items()}
    if "table" in spec:
        body = {k: spec[k] for k in OUTPUT_KEYS - {"where"} if k in spec}
        out.outputs = {str(spec["table"]): _output(check, str(spec["table"]), body, "")}
    for table, body in check.mapping(spec.get("tables"), "tables", "<table>: {columns:, compute:, …}").items():
        out.outputs[str(table)] = _output(check, str(table), body, f"tables.{table}")
    return out


def _reading(check: _Checker, spec: dict, out: SourceSpec) -> None:
    encoding = str(spec.get("encoding", "auto")).lower()
    if encoding not in ENCODING_ALIASES:
        raise check.error("encoding", f"encoding '{encoding}' is not supported", f"use one of {', '.join(ENCODING_ALIASES)}",
                          said="encoding", values={"encoding": encoding, "known": ", ".join(ENCODING_ALIASES)})
    out.encoding = encoding
    out.delimiter = str(spec.get("delimiter", ","))
    out.decimal, out.thousands = str(spec.get("decimal", ".")), str(spec.get("thousands", ","))
    if out.decimal == out.thousands:
        raise check.error("decimal", "`decimal:` and `thousands:` are the same character", "set them to different characters",
                          said="decimal_thousands")
    for key in ("header_row", "skip_footer"):
        value = spec.get(key, 1 if key == "header_row" else 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise check.error(key, f"is {value!r}", "give a whole number (header_row: the 1-based row of the header, "
                              "0 for a file without one)", said="not_whole", values={"value": repr(value)})
    out.header_row, out.skip_footer = int(spec.get("header_row", 1)), int(spec.get("skip_footer", 0))
    if "column_names" in spec:
        out.column_names = check.names(spec["column_names"], "column_names")
        if out.header_row != 0:
            raise check.error("column_names", "is given for a file whose header is on row "
                              f"{out.header_row}", "set `header_row: 0` (the file has no header) or drop `column_names:`",
                              said="column_names_with_header", values={"row": str(out.header_row)})
    elif out.header_row == 0:
        raise check.error("header_row", "is 0 (no header) but `column_names:` does not name the columns",
                          "add `column_names: [first, second, …]`, one name per column of the file",
                          said="no_header_no_names")
    out.sheet = spec.get("sheet")
    out.timezone = str(spec["timezone"]) if spec.get("timezone") else None
    out.date_format = str(spec["date_format"]) if spec.get("date_format") else None
    out.missing = tuple(scalar_text(v) for v in _list(spec.get("missing")))


def _list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _inputs(check: _Checker, spec: dict, out: SourceSpec) -> None:
    for column, body in check.mapping(spec.get("inputs"), "inputs", "column: type lines").items():
        if column is None or not str(column).strip():
            raise check.error("inputs", "names an empty column", _HASH_HINT, said="inputs_empty_name")
        key = f"inputs.{column}"
        body = {"type": body} if isinstance(body, str) else check.mapping(body, key, "{type:, formats:, missing:, default:}")
        unknown = set(body) - INPUT_KEYS
        if unknown:
            raise check.error(key, f"unknown key(s) {', '.join(sorted(map(str, unknown)))}", f"use only {', '.join(sorted(INPUT_KEYS))}",
                              said="unknown_keys",
                              values={"keys": ", ".join(sorted(map(str, unknown))), "allowed": ", ".join(sorted(INPUT_KEYS))})
        kind = str(body.get("type", "text"))
        if kind not in INPUT_TYPES:
            raise check.error(key, f"type '{kind}' is not known", f"use one of {', '.join(INPUT_TYPES)}",
                              said="input_type", values={"kind": kind, "types": ", ".join(INPUT_TYPES)})
        formats = tuple(str(f) for f in _list(body.get("formats")))
        if formats and kind not in {"date", "timestamp"}:
            raise check.error(key, f"`formats:` is given for a {kind} column", "formats are for date and timestamp inputs",
                              said="formats_not_date", values={"kind": kind})
        for fmt in formats:
            if "%" not in fmt and fmt not in EPOCH_FORMATS:
                raise check.error(key, f"format '{fmt}' has no % code", "write strftime codes (%Y-%m-%d %H:%M) "
                                  f"or one of {', '.join(EPOCH_FORMATS)}", said="format_no_code",
                                  values={"format": fmt, "epochs": ", ".join(EPOCH_FORMATS)})
        default = body.get("default")
        out.inputs[str(column)] = Input(str(column), kind, formats, tuple(scalar_text(v) for v in _list(body.get("missing"))),
                                        None if default is None else scalar_text(default))
    fill = spec.get("fill_down")
    if isinstance(fill, dict):
        unknown = set(fill) - {"columns", "within"}
        if unknown or "columns" not in fill:
            raise check.error("fill_down", "is a mapping without `columns:` or with other keys",
                              "write `fill_down: [col, …]` or `fill_down: {columns: [col, …], within: [key]}`",
                              said="fill_down")
        out.fill_down = check.names(fill["columns"], "fill_down.columns")
        out.fill_within = check.names(fill.get("within") or [], "fill_down.within") if fill.get("within") else []
    elif fill is not None:
        out.fill_down = check.names(fill, "fill_down")


def _period(check: _Checker, spec: dict, out: SourceSpec) -> None:
    value = spec.get("period")
    if value is None:
        return
    todo = "write `period: file_name`, `period: 2019-07-29` or `period: {start: 2019-07-01, end: 2019-07-31}`"
    if value == "file_name":
        out.period = Period(from_file_name=True)
        return
    start, end = (value.get("start"), value.get("end")) if isinstance(value, dict) else (value, value)
    if isinstance(value, dict) and set(value) - {"start", "end"}:
        raise check.error("period", f"unknown key(s) {', '.join(sorted(set(value) - {'start', 'end'}))}", todo,
                          said="period_unknown_keys", values={"keys": ", ".join(sorted(set(value) - {"start", "end"}))})
    dates = []
    for v in (start, end if end is not None else start):
        try:
            dates.append(dt.date.fromisoformat(scalar_text(v)))
        except (TypeError, ValueError):
            raise check.error("period", f"'{v}' is not a date (YYYY-MM-DD)", todo, said="period_not_date",
                              values={"value": str(v)}) from None
    if dates[1] < dates[0]:
        raise check.error("period", f"ends ({dates[1]}) before it starts ({dates[0]})", "swap start and end",
                          said="period_backwards", values={"start": str(dates[0]), "end": str(dates[1])})
    out.period = Period(start=dates[0].isoformat(), end=dates[1].isoformat())


def _newest_wins(check: _Checker, spec: dict, out: SourceSpec) -> None:
    value = spec.get("newest_wins", False)
    if not isinstance(value, bool):
        raise check.error("newest_wins", f"is {value!r}", "write `newest_wins: true` (or leave it out)",
                          said="newest_wins", values={"value": repr(value)})
    if value and out.period is None:
        raise check.error("newest_wins", "is true but the source declares no `period:`: the period orders the files",
                          "add `period: file_name` (the date or month in each file's name) or a declared period",
                          said="newest_wins_no_period")
    out.newest_wins = value


_CURRENCY_TODO = ("write `currency: BRL` (an ISO 4217 code: every amount of the source's files is in it) or "
                  "`currency: {column: Currency}` (the file's column that states each row's currency; "
                  "`values: {Reais: BRL}` maps the file's own spellings to codes)")


def _code_or_column(check: _Checker, key: str, value: object, code_of: Callable[[object], str | None], *,
                    what: str, standard: str, expected: str, todo: str, example: str,
                    hint: str = "") -> tuple[str, str, dict[str, str]]:
    """``currency:`` or ``country:``: a code for every row, or ``{column:, values:}`` (the column
    that states each row's, its spellings mapped to codes), as (code, column, values); checked
    before a file is read. ``code_of`` reads a code (None: not one); ``hint`` is added where a
    lone value is not a code."""
    if not isinstance(value, dict):
        code = code_of(value)
        if code is None:
            raise check.error(key, f"'{scalar_text(value)}' is not a {what} code" + (f" ({hint})" if hint else ""),
                              todo, expected=expected, said=f"{what}.not_code",
                              values={"value": scalar_text(value), "hint": _hint_said(what, hint)})
        return code, "", {}
    unknown = set(value) - {"column", "values"}
    if unknown or not value.get("column") or not str(value["column"]).strip():
        raise check.error(key, "is a mapping without `column:`" if not unknown else
                          f"unknown key(s) {', '.join(sorted(map(str, unknown)))}", todo,
                          expected="`column:` (and `values:`)",
                          said=f"{what}.unknown_keys" if unknown else f"{what}.no_column",
                          values={"keys": ", ".join(sorted(map(str, unknown)))})
    values = {}
    for spelling, code in check.mapping(value.get("values"), f"{key}.values", "{the file's spelling: code}").items():
        if code_of(code) is None:
            raise check.error(f"{key}.values.{spelling}", f"'{scalar_text(code)}' is not a {what} code",
                              f"map each spelling of the file to its {standard} code, e.g. `values: {example}`", expected=expected,
                              said=f"{what}.value_not_code", values={"value": scalar_text(code)})
        values[scalar_text(spelling).strip()] = code_of(code)
    return "", check.names(value["column"], f"{key}.column")[0], values


def _hint_said(what: str, hint: str) -> Said | str:
    """The parenthesis after a value that is not a code, by its catalogue key ("" without a hint)."""
    if not hint:
        return ""
    if what == "currency":
        return Said("error.spec.hint", {"hint": written_said(hint)})
    return Said("error.spec.hint", {"hint": Said("error.spec.country.bare_no", {}) if what == "country" else hint})


def written_said(hint: str) -> Said | str:
    """storebook.engine.identity.currency_todo's "R$ is written BRL" by its catalogue key (another
    hint as it is)."""
    if " is written " not in hint:
        return hint
    value, code = hint.rsplit(" is written ", 1)
    return Said("error.spec.currency.written", {"value": value, "code": code})


def _currency(check: _Checker, value: object) -> Currency | None:
    """``currency:`` (:func:`_code_or_column`), read as a currency cell is: the code in any case, or a
    spelling of one currency (``currency: RMB`` is CNY, ``R$`` BRL: storebook.engine.identity.read_currency,
    the one reading of both). A sign that several currencies write (``¥``, ``$``, ``Rs``) stops, naming
    the codes it may be: every amount of the source would otherwise be taken for one of them unsaid."""
    from storebook.engine.identity import read_currency, several_currencies

    if value is None:
        return None
    codes = () if isinstance(value, dict) else several_currencies(scalar_text(value))
    if codes:
        said = scalar_text(value).strip()
        raise check.error(
            "currency", f"'{said}' is written for several currencies ({', '.join(codes)}) and names none of them: "
            "every amount of the source's files would be taken for one of them",
            f"write the code of the currency the source's amounts are in (one of {', '.join(codes)}), e.g. "
            f"`currency: {codes[0]}`",
            expected="an ISO 4217 currency code such as BRL, EUR, INR or CNY", said="currency.several",
            values={"value": said, "codes": ", ".join(codes), "code": codes[0]})
    code, column, values = _code_or_column(
        check, "currency", value, read_currency, what="currency", standard="ISO 4217", todo=_CURRENCY_TODO, example="{Reais: BRL}",
        expected="an ISO 4217 currency code such as BRL, EUR, INR or CNY")
    return Currency(code=code, column=column, values=values)


_COUNTRY_TODO = ("write `country: CN` (an ISO 3166 code: every row of the source's files is in that country) or "
                 "`country: {column: Country}` (the column that names each row's country, the file's or a joined "
                 "one as <join>.<column>; `values: {中国大陆: CN}` maps the file's own spellings to codes)")


def _country(check: _Checker, value: object) -> Country | None:
    """``country:`` (:func:`_code_or_column`)."""
    from storebook.engine.calendar import country_code

    if value is None:
        return None
    code, column, values = _code_or_column(
        check, "country", value, country_code, what="country", standard="ISO 3166", todo=_COUNTRY_TODO, example="{中国大陆: CN}",
        expected="an ISO 3166 alpha-2 country code such as CN, BR, US or DE",
        hint="YAML reads a bare NO, Norway's code, as false: write \"NO\" in quotes" if value is False else "")
    return Country(code=code, column=column, values=values)


def _join(check: _Checker, alias: object, body: object) -> Join:
    key = f"joins.{alias}"
    if not isinstance(alias, str) or not _ALIAS.match(alias):
        raise check.error("joins", f"the join name {alias!r} is not a plain name",
                          "name each join with letters, digits and _ (it prefixes its columns: items.price)",
                          said="join_name", values={"alias": repr(alias)})
    body = check.mapping(body, key, "{source:, on:, columns:, compute:}")
    body = {("on" if k is True else k): v for k, v in body.items()}  # YAML 1.1 reads a bare `on` as true
    unknown = set(body) - JOIN_KEYS
    if unknown:
        raise check.error(key, f"unknown key(s) {', '.join(sorted(map(str, unknown)))}", f"use only {', '.join(sorted(JOIN_KEYS))}",
                          said="unknown_keys",
                          values={"keys": ", ".join(sorted(map(str, unknown))), "allowed": ", ".join(sorted(JOIN_KEYS))})
    if not body.get("source"):
        raise check.error(key, "`source:` is missing", "name the declared source whose files are joined",
                          said="join_no_source")
    on = check.mapping(body.get("on"), f"{key}.on", "this file's column: the joined file's column")
    if not on:
        raise check.error(f"{key}.on", "is missing", "add `on: {this_column: joined_column}`", said="join_no_on")
    pairs = [(check.names(a, f"{key}.on")[0], check.names(b, f"{key}.on")[0]) for a, b in on.items()]
    compute = {str(k): check.expression(v, f"{key}.compute.{k}")
               for k, v in check.mapping(body.get("compute"), f"{key}.compute", "name: expression lines").items()}
    columns = check.names(body["columns"], f"{key}.columns") if body.get("columns") else []
    for name in [*columns, *compute]:
        if name.startswith("_"):
            raise check.error(key, f"the joined column name '{name}' starts with _", "names starting with _ are storebook's",
                              said="join_underscore", values={"name": name})
    return Join(alias, str(body["source"]), pairs, columns, compute)


def _output(check: _Checker, table: str, body: object, key: str) -> Output:
    label = key or "table"
    if table not in schema.TABLES:
        raise check.error(label, f"table '{table}' is not a canonical table", f"use one of {', '.join(schema.TABLES)}",
                          said="unknown_table", values={"table": table, "tables": ", ".join(schema.TABLES)})
    body = check.mapping(body, label, "{columns:, compute:, constants:, …}")
    unknown = set(body) - OUTPUT_KEYS
    if unknown:
        raise check.error(label, f"unknown key(s) {', '.join(sorted(map(str, unknown)))}", f"use only {', '.join(sorted(OUTPUT_KEYS))}",
                          said="unknown_keys",
                          values={"keys": ", ".join(sorted(map(str, unknown))), "allowed": ", ".join(sorted(OUTPUT_KEYS))})
    specs = {c.name: c for c in schema.columns(table)}
    sub = f"{key}." if key else ""
    for part in ("columns", "compute", "constants", "values", "defaults", "date_formats"):
        extra = {str(k) for k in check.mapping(body.get(part), sub + part)} - set(specs)
        if extra:
            raise check.error(sub + part, f"`{part}:` names {', '.join(sorted(extra))}, not column(s) of {table}",
                              f"use the {table} columns: {', '.join(specs)}", said="unknown_columns",
                              values={"part": part, "names": ", ".join(sorted(extra)), "table": table,
                                      "columns": ", ".join(specs)})
    out = Output(table=table, key=key)
    for target, source in (body.get("columns") or {}).items():
        if source is None or not str(source).strip():
            raise check.error(f"{sub}columns.{target}", "is empty", "give the header's name; " + _HASH_HINT,
                              said="column_empty")
        out.columns[target] = str(source)
    out.compute = {k: check.expression(v, f"{sub}compute.{k}") for k, v in (body.get("compute") or {}).items()}
    out.constants = {k: scalar_text(v) for k, v in (body.get("constants") or {}).items()}
    out.defaults = {k: scalar_text(v) for k, v in (body.get("defaults") or {}).items()}
    out.date_formats = {k: str(v) for k, v in (body.get("date_formats") or {}).items()}
    for target, mapping in (body.get("values") or {}).items():
        mapping = check.mapping(mapping, f"{sub}values.{target}", "{export value: canonical value}")
        out.values[target] = {scalar_text(k): scalar_text(v) for k, v in mapping.items()}
    given = [set(out.columns), set(out.compute), set(out.constants)]
    twice = (given[0] & given[1]) | (given[0] & given[2]) | (given[1] & given[2])
    if twice:
        raise check.error(label, f"{', '.join(sorted(twice))} given more than once (columns/compute/constants)",
                          "keep one way of giving each column", said="given_twice", values={"names": ", ".join(sorted(twice))})
    required = [c.name for c in specs.values() if not c.nullable]
    missing = [c for c in required if c not in out.produced()]
    if missing:
        raise check.error(label, f"required {table} column(s) {', '.join(missing)} are neither in `columns:` nor "
                          "`compute:`, `constants:` or `defaults:`",
                          "map each to the export's column, compute it, or give a fixed value under `constants:`",
                          said="required_missing", values={"table": table, "missing": ", ".join(missing)})
    if body.get("group_by") is not None:
        out.group_by = check.names(body["group_by"], f"{sub}group_by")
    if body.get("where") is not None:
        out.where = check.expression(body["where"], f"{sub}where")
    return out


def check_joins(specs: list[SourceSpec], path: Path) -> None:
    """Joins name declared sources, one level deep; a source that feeds no table is joined.

    Raises:
        InputError: naming the source and the join.
    """
    by_name = {s.name: s for s in specs}
    joined = set()
    for s in specs:
        for alias, join in s.joins.items():
            target = by_name.get(join.source)
            todo = f"declare a source named '{join.source}' for the joined file(s), or fix `source:`"
            if target is None or target is s:
                raise InputError(path, f"source '{s.name}', `joins.{alias}.source`: '{join.source}' is "
                                 + ("this source itself" if target is s else "not a declared source"),
                                 expected="the name of another source in this file", todo=todo,
                                 key="error.spec.join_source_self" if target is s else "error.spec.join_source_unknown",
                                 values={"name": s.name, "alias": str(alias), "source": join.source})
            if target.joins:
                raise InputError(path, f"source '{s.name}', `joins.{alias}`: the joined source '{target.name}' has "
                                 "joins of its own", expected="joins one level deep",
                                 todo=f"join those files from '{s.name}' directly", key="error.spec.join_nested",
                                 values={"name": s.name, "alias": str(alias), "joined": target.name})
            joined.add(join.source)
    for s in specs:
        if not s.outputs and s.name not in joined:
            raise InputError(path, f"source '{s.name}' feeds no table and no source joins it",
                             expected="`table:` or `tables:`, or a source that joins it",
                             todo="add `tables:` (or `table:` and `columns:`), or join it from another source; "
                                  "files that hold nothing to keep go under `not_read:` (with `files:` and `why:`)",
                             key="error.spec.feeds_nothing", values={"name": s.name})
