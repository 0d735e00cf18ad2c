"""Custom sources: an analyst describes an export in ``storebook.sources.yaml`` (beside
storebook.toml) and storebook reads it without code.

A declaration names the files (a pattern under data/raw), how to read them (encoding,
separator, header row, sheet, footer lines), which canonical table they feed, which export
column gives each canonical column, fixed values, value maps, date formats and number
separators. ``pins`` assign files to a built-in or custom source when several would
recognise them. docs/sources.md is the reference; ``examples/storebook.sources.yaml`` is a
worked example.

An ``encoding`` that the bytes contradict stops the ingest with a message naming the
encoding the bytes do fit (it is not silently overridden: a wrong declaration often means
the file is not the export one thinks).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from storebook import schema
from storebook.errors import InputError
from storebook.sources.base import SourceFrame, canonical, province
from storebook.sources.readers import ENCODING_ALIASES, grid_frame, read_grid, read_grid_table
from storebook.sources.reports import parse_period

DECLARATIONS_NAME = "storebook.sources.yaml"
SOURCE_KEYS = {"name", "table", "files", "encoding", "delimiter", "header_row", "sheet", "skip_footer", "decimal",
               "thousands", "date_format", "date_formats", "timezone", "columns", "constants", "values", "description"}


@dataclass
class Declarations:
    """What ``storebook.sources.yaml`` declares (nothing when the file does not exist)."""

    sources: list[CustomSource] = field(default_factory=list)
    pins: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    path: Path = Path(DECLARATIONS_NAME)
    #: Pins that also declare the period a report covers (`period:`): (pattern, (first, last day)).
    periods: list[tuple[str, tuple[str, str]]] = field(default_factory=list)


def load_declarations(root: Path, timezone: str = "Asia/Shanghai") -> Declarations:
    """Read ``storebook.sources.yaml`` under ``root``.

    Raises:
        InputError: the file is not valid YAML or a declaration is incomplete; the message
            names the source and the key to fix.
    """
    path = Path(root) / DECLARATIONS_NAME
    if not path.is_file():
        return Declarations(path=path)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise InputError(path, f"not valid YAML ({exc})", expected="the layout of docs/sources.md",
                         todo="fix the file (examples/storebook.sources.yaml is a working example)") from exc
    if not isinstance(data, dict) or set(data) - {"sources", "pins"}:
        raise InputError(path, f"unknown top-level keys {sorted(set(data) - {'sources', 'pins'}) if isinstance(data, dict) else data!r}",
                         expected="`sources:` and/or `pins:`", todo="see docs/sources.md")
    sources = [CustomSource.from_dict(d, path, i, timezone) for i, d in enumerate(data.get("sources") or [])]
    seen: set[str] = set()
    for s in sources:
        if s.name in seen:
            raise InputError(path, f"two sources are named '{s.name}'", expected="unique names",
                             todo="rename one of them")
        seen.add(s.name)
    pins, periods = [], []
    for i, pin in enumerate(data.get("pins") or []):
        if not isinstance(pin, dict) or not {"files", "use"} <= set(pin) <= {"files", "use", "period"}:
            raise InputError(path, f"pin #{i + 1} is {pin!r}", expected="`- files: \"<pattern>\"` and `use: <source>` "
                             "(and, for a report that names no day, `period:`)",
                             todo="see docs/sources.md, 'When two sources match'")
        for pattern in _patterns(pin["files"]):
            pins.append((pattern, str(pin["use"])))
        if "period" in pin:  # a report's totals over days its file does not name
            try:
                period = parse_period(pin["period"])
            except ValueError as exc:
                raise InputError(path, f"pin #{i + 1}: period {exc}", column="period",
                                 expected="`period: 2019-07-29` or `period: {start: 2019-07-01, end: 2019-07-31}`",
                                 todo="fix the pin's period") from None
            periods += [(pattern, period) for pattern in _patterns(pin["files"])]
    return Declarations(sources, pins, text, path, periods)


def _patterns(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


class CustomSource:
    """One declared source (see :func:`load_declarations`)."""

    def __init__(self, spec: dict, path: Path, timezone: str) -> None:
        self.spec = spec
        self.declared_in = path.name
        self.name = str(spec["name"])
        self.table = str(spec["table"])
        self.files = _patterns(spec["files"])
        self.store_timezone = timezone

    @classmethod
    def from_dict(cls, spec: object, path: Path, i: int, timezone: str) -> CustomSource:
        def bad(problem: str, todo: str) -> InputError:
            who = f"source '{spec.get('name')}'" if isinstance(spec, dict) and spec.get("name") else f"source #{i + 1}"
            return InputError(path, f"{who}: {problem}", expected="a declaration as in docs/sources.md", todo=todo)

        if not isinstance(spec, dict):
            raise bad(f"is {spec!r}", "write each source as a mapping of keys")
        unknown = set(spec) - SOURCE_KEYS
        if unknown:
            raise bad(f"unknown key(s) {', '.join(sorted(unknown))}", f"use only {', '.join(sorted(SOURCE_KEYS))}")
        for key in ("name", "table", "files", "columns"):
            if key not in spec:
                raise bad(f"`{key}:` is missing", f"add `{key}:`")
        table = spec["table"]
        if table not in schema.TABLES:
            raise bad(f"table '{table}' is not a canonical table", f"use one of {', '.join(schema.TABLES)}")
        canon = {c.name for c in schema.columns(table)}
        columns = spec.get("columns") or {}
        constants = spec.get("constants") or {}
        for key in ("columns", "constants", "values", "date_formats"):
            if not isinstance(spec.get(key) or {}, dict):
                raise bad(f"`{key}:` is not a mapping", f"write `{key}:` as canonical_column: value lines")
            extra = set(spec.get(key) or {}) - canon
            if extra:
                raise bad(f"`{key}:` names {', '.join(sorted(extra))}, not column(s) of {table}",
                          f"use the {table} columns: {', '.join(c.name for c in schema.columns(table))}")
        required = [c.name for c in schema.columns(table) if not c.nullable]
        missing = [c for c in required if c not in columns and c not in constants]
        if missing:
            raise bad(f"required {table} column(s) {', '.join(missing)} are neither in `columns:` nor `constants:`",
                      "map each to the export's column, or give a fixed value under `constants:`")
        encoding = str(spec.get("encoding", "auto")).lower()
        if encoding not in ENCODING_ALIASES:
            raise bad(f"encoding '{encoding}' is not supported", f"use one of {', '.join(ENCODING_ALIASES)}")
        if spec.get("decimal", ".") == spec.get("thousands", ","):
            raise bad("`decimal:` and `thousands:` are the same character", "set them to different characters")
        return cls(spec, path, timezone)

    # -- the Source protocol
    def describe(self) -> str:
        return f"{self.name} (custom source in {self.declared_in}: {self.table} from {', '.join(self.files)})"

    def matches(self, path: Path, header: list[str], raw_root: Path) -> bool:
        rel = path.relative_to(raw_root).as_posix()
        return any(fnmatch.fnmatch(rel, p) for p in self.files)

    def diagnose(self, path: Path, header: list[str], raw_root: Path) -> tuple[float, list[str]]:
        wanted = [str(v) for v in (self.spec.get("columns") or {}).values()]
        found = [c for c in wanted if c in set(header)]
        return (len(found) / len(wanted) if wanted else 0.0), [c for c in wanted if c not in set(header)]

    def read(self, path: Path, raw_root: Path) -> Iterator[SourceFrame]:
        spec = self.spec
        where = f"{self.declared_in}, source '{self.name}'"
        encoding = str(spec.get("encoding", "auto")).lower()
        fast = None
        if spec.get("skip_footer", 0) == 0:  # a footer needs the row count: the Python reader's
            def header_index(rows: list[list[str]]) -> int | None:
                index = int(spec.get("header_row", 1)) - 1
                return index if 0 <= index < len(rows) else None

            fast = read_grid_table(path, header_index, encoding=None if encoding == "auto" else encoding,
                                   delimiter=str(spec.get("delimiter", ",")), declared_in=where)
        if fast is not None:
            raw, used_encoding, header_row = fast[0], fast[0].encoding, fast[2] + 1
        else:
            rows, used_encoding = read_grid(path, encoding=None if encoding == "auto" else encoding,
                                            delimiter=str(spec.get("delimiter", ",")), sheet=spec.get("sheet"),
                                            declared_in=where)
            header_row = int(spec.get("header_row", 1))
            if header_row < 1 or header_row > len(rows):
                raise InputError(path, f"the declared header_row {header_row} is not in the file ({len(rows)} rows)",
                                 expected="the 1-based row number of the header",
                                 todo=f"fix `header_row:` in {where}")
            footer = int(spec.get("skip_footer", 0))
            if footer:
                rows = rows[: max(header_row, len(rows) - footer)]
            raw = grid_frame(path, rows, header_row - 1, used_encoding)
        columns = {k: str(v) for k, v in (spec.get("columns") or {}).items()}
        absent = [v for v in columns.values() if v not in raw.frame.columns]
        if absent:
            raise InputError(
                path, f"column(s) {', '.join(repr(a) for a in absent)} declared in {where} are not in the header",
                row=header_row, column=absent[0],
                expected=f"the header (row {header_row}) to hold them; it has: {', '.join(raw.frame.columns[:30])}",
                todo="fix `columns:` (names must match the header exactly, spaces aside) or `header_row:`")
        f = raw.frame
        out: dict[str, pd.Series | str] = {}
        notes = [f"custom source '{self.name}' declared in {self.declared_in}."]
        column_notes = {}
        kinds = {c.name: c.kind for c in schema.columns(self.table)}
        value_maps = spec.get("values") or {}
        date_formats = spec.get("date_formats") or {}
        for target, source in columns.items():
            text = f[source].astype(str).str.strip()
            if target in value_maps:
                mapping = {str(k): str(v) for k, v in value_maps[target].items()}
                text = text.map(lambda v, m=mapping: m.get(v, v)).astype("str")
                column_notes[target] = f"values mapped by `values: {target}:` in {where}"
            kind = kinds[target]
            if kind in {"int", "Int64", "float"}:
                text = self._number(text)
            elif kind in {"date", "timestamp"}:
                fmt = date_formats.get(target, spec.get("date_format"))
                text = self._when(text, fmt, kind)
                if fmt:
                    column_notes[target] = f"declared date format {fmt} in {where}"
            elif target == "province":
                text = province(text)
            out[target] = text
        for target, value in (spec.get("constants") or {}).items():
            out[target] = str(value).lower() if isinstance(value, bool) else str(value)
        frame = canonical(self.table, out, f.index)
        dropped = [c for c in f.columns if c not in set(columns.values())]
        yield SourceFrame(self.table, frame, raw.rows, used_encoding, dropped, notes=notes,
                          column_notes=column_notes)

    # -- value clean-ups
    def _number(self, text: pd.Series) -> pd.Series:
        thousands = str(self.spec.get("thousands", ","))
        decimal = str(self.spec.get("decimal", "."))
        out = text.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
        if thousands:
            out = out.str.replace(thousands, "", regex=False)
        if decimal != ".":
            out = out.str.replace(decimal, ".", regex=False)
        return out.where(~out.isin(["-", "--", "null", "NULL"]), "")

    def _when(self, text: pd.Series, fmt: str | None, kind: str) -> pd.Series:
        empty = text.isin(["", "-", "--", "null", "NULL"])
        if fmt:
            parsed = pd.to_datetime(text.where(~empty), format=fmt, errors="coerce")
        else:
            parsed = pd.to_datetime(text.where(~empty), format="ISO8601", errors="coerce")
        tz = self.spec.get("timezone")
        if tz and kind == "timestamp":
            parsed = parsed.dt.tz_localize(str(tz)).dt.tz_convert(self.store_timezone).dt.tz_localize(None)
        shown = parsed.dt.strftime("%Y-%m-%d" if kind == "date" else "%Y-%m-%d %H:%M:%S")
        # A value that does not fit the format is passed on as written: ingest rejects its row.
        return shown.where(parsed.notna(), text.where(~empty, "")).astype("str")
