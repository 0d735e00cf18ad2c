"""Custom sources: an analyst describes an export in ``storebook.sources.yaml`` (beside
storebook.toml) and storebook reads it without code.

A declaration names the files (patterns under data/raw), how to read them (encoding,
separator, header row or column names, sheet, footer lines), how to read their columns
(``inputs:`` types and date formats, ``missing:`` spellings, ``fill_down:``, ``where:``)
and, per canonical table the file feeds, which export column or SQL expression gives each
canonical column (``columns:``, ``compute:``, ``constants:``, ``values:``, ``defaults:``,
``group_by:``). Other declared files can be joined by key (``joins:``). Each source is
compiled to DuckDB queries over the file's rows (storebook.ingest.sources.mapping); ``pins``
assign files to a source when several would recognise them. docs/sources.md is the
reference; ``examples/`` holds worked examples.

An ``encoding`` that the bytes contradict stops the ingest with a message naming the
encoding the bytes do fit (it is not silently overridden: a wrong declaration often means
the file is not the export one thinks).
"""

from __future__ import annotations

import fnmatch
import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

from storebook.errors import InputError, Said
from storebook.ingest.parsing import NumberFormat
from storebook.ingest.sources.base import SourceFrame
from storebook.ingest.sources.mapping import compile as mapping_compile
from storebook.ingest.sources.mapping import run as mapping_run
from storebook.ingest.sources.mapping import sql as mapping_sql
from storebook.ingest.sources.mapping.spec import (
    SourceSpec,
    check_joins,
    parse_source,
    written_said,
)
from storebook.ingest.sources.readers import RawFrame, grid_frame, read_grid, read_grid_table
from storebook.ingest.sources.reports import parse_period

DECLARATIONS_NAME = "storebook.sources.yaml"
#: What ``newest_wins:`` keeps whole from the newest file where it is not the table's key: an
#: order's lines, a purchase order's lines (a line the newer file no longer has is not kept).
NEWEST_WINS_BY = {"order_lines": ["order_id"], "purchase_orders": ["po_id"]}


@dataclass
class Declarations:
    """What ``storebook.sources.yaml`` declares (nothing when the file does not exist)."""

    sources: list[CustomSource] = field(default_factory=list)
    pins: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    path: Path = Path(DECLARATIONS_NAME)
    #: Pins that also declare the period a report covers (`period:`): (pattern, (first, last day)).
    periods: list[tuple[str, tuple[str, str]]] = field(default_factory=list)
    #: Files that are not data for storebook (a price offer, an expense sheet): (pattern, why).
    not_read: list[tuple[str, str]] = field(default_factory=list)


def load_declarations(root: Path, timezone: str = "Asia/Shanghai", country: str = "") -> Declarations:
    """Read ``storebook.sources.yaml`` under ``root`` (for a store in ``timezone`` and, where
    ``[store] country`` is set, ``country``: the country of rows whose regions name none).

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
                         todo="fix the file (examples/storebook.sources.yaml is a working example)",
                         key="error.custom.yaml", values={"error": str(exc)}) from exc
    top = {"sources", "pins", "not_read"}
    if not isinstance(data, dict) or set(data) - top:
        raise InputError(path, f"unknown top-level keys {sorted(set(data) - top) if isinstance(data, dict) else data!r}",
                         expected="`sources:`, `pins:` and/or `not_read:`", todo="see docs/sources.md",
                         key="error.custom.top_keys",
                         values={"keys": str(sorted(set(data) - top)) if isinstance(data, dict) else repr(data)})
    specs = [parse_source(d, path, i) for i, d in enumerate(data.get("sources") or [])]
    seen: set[str] = set()
    for s in specs:
        if s.name in seen:
            raise InputError(path, f"two sources are named '{s.name}'", expected="unique names",
                             todo="rename one of them", key="error.custom.name_twice", values={"name": s.name})
        seen.add(s.name)
    check_joins(specs, path)
    sources = [CustomSource(s, path, timezone, country) for s in specs]
    by_name = {s.name: s for s in sources}
    for s in sources:
        s.partners = {alias: by_name[j.source] for alias, j in s.spec.joins.items()}
    pins, periods = [], []
    for i, pin in enumerate(data.get("pins") or []):
        if not isinstance(pin, dict) or not {"files", "use"} <= set(pin) <= {"files", "use", "period"}:
            raise InputError(path, f"pin #{i + 1} is {pin!r}", expected="`- files: \"<pattern>\"` and `use: <source>` "
                             "(and, for a report that names no day, `period:`)",
                             todo="see docs/sources.md, 'When two sources match'",
                             key="error.custom.pin", values={"number": str(i + 1), "pin": repr(pin)})
        for pattern in _patterns(pin["files"]):
            pins.append((pattern, str(pin["use"])))
        if "period" in pin:  # a report's totals over days its file does not name
            try:
                period = parse_period(pin["period"])
            except ValueError as exc:
                raise InputError(path, f"pin #{i + 1}: period {exc}", column="period",
                                 expected="`period: 2019-07-29` or `period: {start: 2019-07-01, end: 2019-07-31}`",
                                 todo="fix the pin's period", key="error.custom.pin_period",
                                 values={"number": str(i + 1), "error": str(exc)}) from None
            periods += [(pattern, period) for pattern in _patterns(pin["files"])]
    return Declarations(sources, pins, text, path, periods, _not_read(data.get("not_read"), path))


def _not_read(value: object, path: Path) -> list[tuple[str, str]]:
    """``not_read:``: files that come with the exports but hold nothing storebook keeps, each
    with why (ingest lists them as not read, with the reason, and reads the others)."""
    out = []
    for i, entry in enumerate(value or []):
        if (not isinstance(entry, dict) or set(entry) != {"files", "why"} or not entry["files"]
                or not str(entry["why"] or "").strip()):
            raise InputError(path, f"not_read #{i + 1} is {entry!r}",
                             expected="`- files: \"<pattern>\"` and `why: <what the file is and why it is not read>`",
                             todo="see docs/sources.md, 'Files that are not data'",
                             key="error.custom.not_read", values={"number": str(i + 1), "entry": repr(entry)})
        out += [(pattern, str(entry["why"]).strip()) for pattern in _patterns(entry["files"])]
    return out


def _patterns(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _named(row: list[str]) -> list[str]:
    """Header names: trailing empty cells dropped, an unnamed column called ``column_<n>``
    (R writes its row names under an empty name; so do pandas' index columns)."""
    names = [c.strip() for c in row]
    while names and not names[-1]:
        names.pop()
    return [n or f"column_{i + 1}" for i, n in enumerate(names)]


class CustomSource:
    """One declared source (see :func:`load_declarations`)."""

    def __init__(self, spec: SourceSpec, path: Path, timezone: str, country: str = "") -> None:
        self.spec = spec
        self.declared_in = path.name
        self.name = spec.name
        self.files = spec.files
        self.tables = list(spec.outputs)
        self.table = self.tables[0] if self.tables else ""
        #: A source that feeds no table is read only through the joins of others: when
        #: another source also recognises its files, that one reads them.
        self.lookup_only = not spec.outputs
        self.store_timezone = timezone
        #: The store's ``[store] country`` ("" when not set): the regions' country where a row names none.
        self.store_country = country
        self.partners: dict[str, CustomSource] = {}

    # -- the Source protocol
    def describe(self) -> str:
        what = ", ".join(self.tables) if self.tables else "joined by other sources"
        return f"{self.name} (custom source in {self.declared_in}: {what} from {', '.join(self.files)})"

    def matches(self, path: Path, header: list[str], raw_root: Path) -> bool:
        rel = path.relative_to(raw_root).as_posix()
        return any(fnmatch.fnmatch(rel, p) for p in self.files)

    def diagnose(self, path: Path, header: list[str], raw_root: Path) -> tuple[float, list[str]]:
        wanted = sorted({v for out in self.spec.outputs.values() for v in out.columns.values()})
        found = [c for c in wanted if c in set(header)]
        return (len(found) / len(wanted) if wanted else 0.0), [c for c in wanted if c not in set(header)]

    def definition(self) -> str:
        """What a parse of this source's files depends on: its declaration and those it joins."""
        parts = [self.spec.definition(), self.store_timezone, self.store_country]
        parts += [f"{alias}={p.spec.definition()}" for alias, p in sorted(self.partners.items())]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def joined_files(self, path: Path, raw_root: Path) -> list[Path]:
        """The files the joins of ``path`` read (their bytes change its parse too)."""
        return [f for p in self.partners.values() for f in p.files_beside(path, raw_root)]

    def files_beside(self, path: Path, raw_root: Path) -> list[Path]:
        """This source's files, those in ``path``'s folder when there are any there."""
        from storebook.ingest.sources import data_files

        found = [f for f in data_files(raw_root) if self.matches(f, [], raw_root)]
        near = [f for f in found if f.parent == path.parent]
        return near or found

    def read(self, path: Path, raw_root: Path) -> Iterator[SourceFrame]:
        spec = self.spec
        if self.lookup_only:
            return  # read through the sources that join it
        header, header_row = self.header(path)
        joined, joined_files, notes = {}, {}, [f"custom source '{self.name}' declared in {self.declared_in}."]
        for alias, partner in self.partners.items():
            files = partner.files_beside(path, raw_root)
            joined_files[alias] = files
            jheader = partner.header(files[0])[0] if files else sorted(self._join_refs(alias))
            joined[alias] = (partner.spec, jheader)
        con = mapping_sql.connect()
        try:
            plan = mapping_compile.Compiler(spec, header, joined, self.store_timezone, self.declared_in, path,
                                            header_row).compile(con)
            # The declaration binds: now read the data.
            period = self._period(path)
            raw = self.read_rows(path, header)
            tables = {}
            for alias, (_, jheader) in joined.items():
                parts = [mapping_run.text_table(self.partners[alias].read_rows(f, jheader), f.name,
                                                self.partners[alias]._period(f)) for f in joined_files[alias]]
                tables[alias] = mapping_run.stack(parts, jheader) if parts else mapping_compile.frame_of(jheader)
            try:
                results = mapping_run.execute(con, plan, mapping_run.text_table(raw, path.name, period), tables,
                                              self.declared_in, spec.country.code if spec.country else "",
                                              self.store_country, spec.currency)
            except duckdb.Error as exc:  # an expression that binds but fails on a value (a cast)
                message = str(exc).split("\n\nLINE")[0].strip()[:400]
                raise InputError(path, f"{self._where()}: an expression fails on the file's values: {message}",
                                 expected="expressions that hold for every row",
                                 todo="read the column with `inputs:` (a value that does not read is then rejected "
                                      "with its row) or use try_cast(x AS type) instead of CAST",
                                 key="error.custom.expression_fails",
                                 values={"declared_in": self.declared_in, "source": self.name, "message": message}) from None
            notes += self._join_notes(con, plan, joined_files)
            kept = con.sql(plan.kept_sql).fetchall()[0][0]
            stated = self._currency(con, plan, path)
        finally:
            con.close()
        if stated["currency_rows"] or stated["currency"]:
            how = (f"the file's column {stated['currency_column']}, as declared" if stated["currency_column"]
                   else "declared")
            notes.append(f"amounts in {', '.join(stated['currency_rows']) or stated['currency']} ({how} in "
                         f"{self.declared_in}: `currency:`), kept as exported: storebook converts no currency.")
        if stated.get("currency_unread"):
            unread = stated["currency_unread"]
            notes.append(f"{sum(u['rows'] for u in unread.values()):,} rows' {stated['currency_column']} is not a "
                         "currency code (" + ", ".join(f"'{v}' row {u['row']}" for v, u in unread.items())
                         + f"): their records rejected, their amounts' currency unknown (`currency.values` in "
                         f"{self.declared_in} maps a spelling to its code).")
        if spec.country:
            where = (f"the country the column {spec.country.column} names" if spec.country.column
                     else f"{spec.country.code}")
            fallback = f", else the store's ({self.store_country})" if self.store_country and spec.country.column else ""
            notes.append(f"regions read in {where}{fallback} (`country:` in {self.declared_in}): a bare code such as "
                         "ZJ is a province of China only in a row in China.")
        if period:
            notes.append(f"period {period[0]} to {period[1]} " + ("from the file name." if spec.period.from_file_name
                                                                   else f"as declared in {self.declared_in}."))
        read = len(raw.frame)
        dropped = [c for c in header if c not in plan.used]
        notes += raw.notes  # how the reader read the file (separator, sheet)
        for number, res in enumerate(results):
            out = spec.outputs[res.plan.table]
            table_notes = list(notes)
            if spec.where:
                table_notes.append(f"{read - kept:,} of {read:,} rows skipped by `where: {spec.where}`.")
            if out.where:
                table_notes.append(f"{kept - res.entering:,} rows skipped by `{out.key}.where: {out.where}`.")
            if res.plan.grouped:
                table_notes.append(f"{res.entering:,} rows grouped into {len(res.frame):,} {res.plan.table} rows "
                                   f"by {', '.join(out.group_by)} (each record's row is its group's first).")
            # Rows the reader could not split into the header's columns are rejected once, with
            # the first table the file feeds (they are counted, never dropped).
            if spec.newest_wins and period:
                table_notes.append(f"`newest_wins`: a {res.plan.table} record also in a file of a later period "
                                   f"is kept from that file (this file's period ends {period[1]}).")
            yield SourceFrame(res.plan.table, res.frame, res.rows, raw.encoding, dropped, notes=table_notes,
                              column_notes=res.plan.column_notes, problems=res.problems,
                              bad_rows=raw.bad_rows if number == 0 else None,
                              number_format=NumberFormat(spec.decimal, spec.thousands),
                              version=period[1] if spec.newest_wins and period else None,
                              supersede_by=NEWEST_WINS_BY.get(res.plan.table) if spec.newest_wins else None,
                              **stated)

    def _currency(self, con, plan: mapping_compile.Plan, path: Path) -> dict:  # noqa: ANN001
        """What the file states of its amounts' currency (``currency:``), as SourceFrame takes it:
        ``currency`` (one for every row), ``currency_column``, ``currency_rows`` (the rows stating
        each) and ``currency_unread`` (values that are no code: their rows are rejected, each with
        the reason, by :func:`mapping_run.execute`), counted as Shopify's Currency column is
        (:func:`storebook.engine.identity.tally_currencies`). An empty cell states none.

        Raises:
            InputError: no value of the declared column is a currency code (the column named is
                not the currency column, or the file spells every currency its own way: each of
                its rows would be rejected for a line of the declaration), naming the first row and
                what to write instead.
        """
        from storebook.engine.identity import currency_todo, tally_currencies

        declared = self.spec.currency
        if declared is None:
            return {"currency": None, "currency_column": "", "currency_rows": {}}
        if not declared.column:
            return {"currency": declared.code, "currency_column": "", "currency_rows": {}}
        found = [(str(value), int(n), int(first)) for value, n, first in con.sql(plan.currency_sql).fetchall()]
        rows, unread = tally_currencies(found, declared.values)
        if unread and not rows:
            value, first = min(((v, u["row"]) for v, u in unread.items()), key=lambda vu: vu[1])
            hint = currency_todo(value)
            n = sum(u["rows"] for u in unread.values())
            listed = ", ".join(f"'{v}'" for v in list(unread)[:5]) + (" …" if len(unread) > 5 else "")
            also = "" if n == 1 else f"; {n:,} rows hold values that are not codes, and none holds a code: {listed}"
            said = {"value": str(value), "declared_in": self.declared_in, "source": self.name, "column": declared.column,
                    "also": "" if n == 1 else Said("error.custom.currency.also", {"rows": f"{n:,}", "values": listed}),
                    "hint": Said("error.custom.currency.hint", {"hint": written_said(hint)}) if hint else ""}
            raise InputError(
                path, f"'{value}' is not a currency code ({self._where()}, `currency.column`){also}",
                row=first, column=declared.column,
                expected="an ISO 4217 currency code (BRL, EUR, INR, CNY …) or an empty cell in each row",
                todo=(f"{hint}: " if hint else "") + "map the file's spellings to codes under `currency: {column: "
                f"{declared.column}, values: {{'{value}': <code>}}}}`, or, if `{declared.column}` is not the "
                "currency column, name the right one (or declare one currency: `currency: BRL`)",
                key="error.custom.currency", values=said)
        return {"currency": next(iter(rows)) if len(rows) == 1 else None, "currency_column": declared.column,
                "currency_rows": rows, "currency_unread": unread}

    def _join_refs(self, alias: str) -> set[str]:
        """The joined columns a join refers to (the header of a joined source with no file)."""
        join, partner = self.spec.joins[alias], self.partners[alias].spec
        names = set(join.columns) | set(partner.inputs) | set(partner.fill_down) | set(partner.fill_within)
        for text in [*(r for _, r in join.on), *join.compute.values(), *([partner.where] if partner.where else [])]:
            names |= {text} if mapping_sql.check_expression(text) else mapping_sql.column_refs(text)
        return names - set(mapping_sql.PSEUDO_COLUMNS)

    def _join_notes(self, con, plan: mapping_compile.Plan, files: dict[str, list[Path]]) -> list[str]:  # noqa: ANN001
        notes = []
        for alias, stats_sql in plan.join_stats.items():
            partner = self.partners[alias].name
            if not files[alias]:
                notes.append(f"no file of source '{partner}' was found: the columns of join '{alias}' are empty.")
                continue
            rows, keys = con.sql(stats_sql).fetchall()[0]
            names = ", ".join(f.name for f in files[alias])
            notes.append(f"joined {names} (source '{partner}', {rows:,} rows, {keys:,} keys) as '{alias}'.")
        return notes

    def _period(self, path: Path) -> tuple[str, str] | None:
        period = self.spec.period
        if period is None:
            return None
        if not period.from_file_name:
            return period.start, period.end
        found = mapping_run.period_of_name(path.name)
        if found is None:
            raise InputError(path, f"the file name names no period ({self.declared_in}, source '{self.name}', "
                             "`period: file_name`)", expected="a date (2019-07-29, 20190729), two dates (first and "
                             "last day) or a month (2019-07) in the file name",
                             todo="rename the file as the platform named it, or declare `period: {start: …, end: …}`",
                             key="error.custom.period_name", values={"declared_in": self.declared_in, "source": self.name})
        return found

    # -- reading the file
    def _where(self) -> str:
        return f"{self.declared_in}, source '{self.name}'"

    def _encoding(self) -> str | None:
        return None if self.spec.encoding == "auto" else self.spec.encoding

    def header(self, path: Path) -> tuple[list[str], int]:
        """The file's column names (without reading its rows) and the header's row number."""
        spec = self.spec
        if spec.header_row == 0:
            return list(spec.column_names), 0
        rows, _ = read_grid(path, encoding=self._encoding(), delimiter=spec.delimiter, sheet=spec.sheet,
                            declared_in=self._where(), limit=max(40, spec.header_row + 1))
        if spec.header_row > len(rows):
            raise InputError(path, f"the declared header_row {spec.header_row} is not in the file ({len(rows)} rows)",
                             expected="the 1-based row number of the header",
                             todo=f"fix `header_row:` in {self._where()}", key="error.custom.header_row",
                             values={"row": str(spec.header_row), "rows": str(len(rows)), "declared_in": self.declared_in,
                                     "source": self.name})
        names = _named(rows[spec.header_row - 1])
        twice = next((n for i, n in enumerate(names) if n in names[:i]), None)
        if twice is not None:  # a header over two rows repeats its lower names (Particular, Amount, Particular …)
            raise InputError(path, f"the column '{twice}' appears twice in the header (row {spec.header_row})",
                             row=spec.header_row, column=twice,
                             expected="each column once; a header over two rows (a group above, names below) "
                                      "repeats the names of its lower row",
                             todo=f"name the columns yourself in {self._where()}: `header_row: 0`, `column_names: "
                                  f"[…]` ({len(names)} names, one per column) and `where: \"_row > "
                                  f"{spec.header_row}\"` to skip the header rows (docs/sources.md, 'Every key')",
                             key="error.custom.header_twice",
                             values={"name": twice, "row": str(spec.header_row), "declared_in": self.declared_in,
                                     "source": self.name, "count": str(len(names))})
        return names, spec.header_row

    def read_rows(self, path: Path, header: list[str]) -> RawFrame:
        """The file's rows below its header as text, named by ``header``."""
        spec, where = self.spec, self._where()
        if spec.header_row and not spec.skip_footer:  # a footer needs the row count: the Python reader's
            def header_index(rows: list[list[str]]) -> int | None:
                index = spec.header_row - 1
                return index if 0 <= index < len(rows) else None

            position = itertools.count()

            def rename(_: str) -> str:  # by position: unnamed columns get their column_<n> name
                i = next(position)
                return header[i] if i < len(header) else ""

            fast = read_grid_table(path, header_index, rename, encoding=self._encoding(), delimiter=spec.delimiter,
                                   declared_in=where)
            if fast is not None:
                return fast[0]
        rows, used = read_grid(path, encoding=self._encoding(), delimiter=spec.delimiter, sheet=spec.sheet,
                               declared_in=where)
        if spec.skip_footer:
            rows = rows[: max(spec.header_row, len(rows) - spec.skip_footer)]
        if spec.header_row == 0:  # no header: the declared names stand above the first row
            raw = grid_frame(path, [list(header), *rows], 0, used)
            return RawFrame(raw.frame, raw.rows - 1, raw.encoding, raw.bad_rows.assign(row=raw.bad_rows["row"] - 1),
                            raw.notes)
        if spec.header_row > len(rows):
            raise InputError(path, f"the declared header_row {spec.header_row} is not in the file ({len(rows)} rows)",
                             expected="the 1-based row number of the header", todo=f"fix `header_row:` in {where}",
                             key="error.custom.header_row",
                             values={"row": str(spec.header_row), "rows": str(len(rows)), "declared_in": self.declared_in,
                                     "source": self.name})
        rows = [*rows[: spec.header_row - 1], list(header), *rows[spec.header_row:]]
        return grid_frame(path, rows, spec.header_row - 1, used)
