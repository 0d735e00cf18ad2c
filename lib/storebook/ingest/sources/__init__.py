"""Source adapters: from what a platform writes to the canonical tables.

An adapter recognises its files (by folder and header) and yields, per file, one or more
frames of text in the canonical column names. Ingest then parses, validates and writes
them, the same way for every source. The adapters:

- ``canonical``: ``data/raw/<table>/*.csv|xlsx`` in the contract's layout (docs/contract.md);
- ``shopify_orders``, ``shopify_products``: Shopify's orders and products exports;
- ``tmall_orders``, ``tmall_traffic``: Taobao/Tmall order reports and 生意参谋 traffic sources;
- ``jd_orders``, ``jd_traffic``: 京东商智-style order and traffic exports;
- ``ga4_traffic``, ``ga4_totals``: GA4 report downloads by session default channel group, and by
  day × device without a channel (GA4's de-duplicated totals, the ``all`` rows);
- custom sources an analyst declares in ``storebook.sources.yaml`` (see docs/sources.md).

:func:`registry` assembles them for a workbook; :func:`detect` picks the one adapter that
reads a file, or says which source comes closest and what it lacks.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storebook.engine import schema
from storebook.errors import IngestError, InputError, Said
from storebook.ingest.parsing import detect_number_format
from storebook.ingest.sources.base import (
    PERSONAL_COLUMNS,
    REGION_COLUMNS,
    Source,
    SourceFrame,
    province,
)
from storebook.ingest.sources.policy import ReadPolicy
from storebook.ingest.sources.readers import (
    DELIMITER_NAMES,
    HEADER_SCAN,
    read_header,
    read_records,
    read_table,
)
from storebook.ingest.sources.workbooks import sheet_names

__all__ = ["PERSONAL_COLUMNS", "SOURCES", "CanonicalSource", "Registry", "Source", "SourceFrame",
           "data_files", "detect", "registry"]

#: Bump when an adapter's output changes, so that cached parses are not reused.
ADAPTERS_VERSION = "3"  # 3: the Tmall and JD order exports' addresses read in China (ZJ → 浙江)
DATA_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls"}


class CanonicalSource:
    """``data/raw/<table>/*.csv|xlsx`` whose header holds the contract's columns.

    The regions (orders' and shipments' ``province``, suppliers' ``region``) are kept as written,
    but for a province of China, written as its short name as every other source writes it
    (浙江省, Zhejiang, CN-ZJ → 浙江; a bare code such as ZJ where the store's ``[store] country``
    is CN: the layout has no country column).
    """

    name = "canonical"

    def __init__(self, country: str = "") -> None:
        self.country = country

    def describe(self) -> str:
        return "canonical (the contract's layout in data/raw/<table>/, docs/contract.md)"

    def table_of(self, path: Path, raw_root: Path) -> str | None:
        parts = path.relative_to(raw_root).parts
        return parts[0] if len(parts) > 1 and parts[0] in schema.TABLES else None

    def matches(self, path: Path, header: list[str], raw_root: Path) -> bool:
        return self.table_of(path, raw_root) is not None

    def diagnose(self, path: Path, header: list[str], raw_root: Path) -> tuple[float, list[str]]:
        """The table whose columns the header comes closest to, and the required ones it lacks."""
        present = set(header)
        best: tuple[float, list[str]] = (0.0, [])
        for table in schema.TABLES:
            required = [c.name for c in schema.columns(table) if not c.nullable]
            found = [c for c in required if c in present]
            score = len(found) / len(required)
            if score > best[0]:
                best = (score, [c for c in required if c not in present] + [f"(folder data/raw/{table}/)"])
        return best

    def read(self, path: Path, raw_root: Path) -> Iterator[SourceFrame]:
        table = self.table_of(path, raw_root)
        assert table is not None
        specs = schema.columns(table)
        required = {c.name for c in specs if not c.nullable}

        def header_index(rows: list[list[str]]) -> int | None:
            """The first row naming every required column (a title block may sit above it)."""
            return next((i for i, row in enumerate(rows) if required <= set(row)), None)

        found = read_table(path, header_index, strip=False)  # ingest strips what it parses
        if found is None:
            raise _missing_columns(path, table)
        raw, _, index = found
        present = set(raw.frame.columns)
        frame = raw.frame
        for spec in specs:  # optional columns the export leaves out are simply empty
            if spec.name not in present:
                frame = frame.assign(**{spec.name: ""})
        wanted = [c.name for c in specs]
        dropped = [c for c in raw.frame.columns if c not in wanted]
        notes = list(raw.notes)
        regions = [c for t, c in REGION_COLUMNS if t == table]
        if regions:
            frame = frame.assign(**{c: province(frame[c], store_country=self.country, addresses=False)
                                    for c in regions})
        if index:
            notes.append(f"the header is row {index + 1}; the {index} row(s) above it are not data and were not read.")
        fmt = detect_number_format([frame[c.name] for c in specs if c.kind in {"int", "Int64", "float"}])
        if fmt.decimal == ",":
            notes.append("numbers read with a decimal comma and point thousands (1.234,50), as the file writes them.")
        yield SourceFrame(table, frame[wanted], raw.rows, raw.encoding, dropped, notes=notes, bad_rows=raw.bad_rows,
                          number_format=fmt)


def _missing_columns(path: Path, table: str) -> InputError:
    """Why no header with the table's required columns was found: the row that comes closest,
    what it lacks, and how the file was read (separator, sheets searched)."""
    specs = schema.columns(table)
    names = {c.name for c in specs}
    required = [c.name for c in specs if not c.nullable]
    records = read_records(path, limit=HEADER_SCAN)
    scored = [(len(names & set(row)), i) for i, row in enumerate(records.rows)]
    hits, index = max(scored, key=lambda t: (t[0], -t[1]), default=(0, 0))
    row = records.rows[index] if records.rows else []
    missing = [c for c in required if c not in set(row)]
    if records.encoding in {"xlsx", "xls"}:
        sheets = sheet_names(path)
        how = (f"searched the first {HEADER_SCAN} rows of each sheet ({', '.join(repr(s) for s in sheets)})"
               if len(sheets) > 1 else f"searched the first {HEADER_SCAN} rows of sheet '{sheets[0]}'")
    else:
        how = (f"read as {DELIMITER_NAMES.get(records.delimiter, repr(records.delimiter))}-separated values and "
               f"searched the first {HEADER_SCAN} rows")
    said_how = (Said("error.input.searched.sheets", {"rows": str(HEADER_SCAN), "sheets": ", ".join(repr(s) for s in sheets)})
                if records.encoding in {"xlsx", "xls"} and len(sheets) > 1 else
                Said("error.input.searched.sheet", {"rows": str(HEADER_SCAN), "sheet": sheets[0]})
                if records.encoding in {"xlsx", "xls"} else
                Said("error.input.searched.text", {"rows": str(HEADER_SCAN), "delimiter": Said(
                    f"error.input.delimiter.{DELIMITER_NAMES[records.delimiter]}", {})
                    if records.delimiter in DELIMITER_NAMES else repr(records.delimiter)}))
    values = {"table": table, "columns": ", ".join(c.name for c in specs), "how": said_how,
              "missing": ", ".join(repr(m) for m in missing)}
    if hits:
        problem = f"required column(s) {', '.join(repr(m) for m in missing)} missing"
    else:
        problem = f"no row names the {table} columns ({how})"
    return InputError(
        path, problem, row=index + 1 if hits else None, column=missing[0] if hits and missing else None,
        expected=f"a header row with the {table} columns: {', '.join(c.name for c in specs)}"
                 + (f" ({how})" if hits else ""),
        todo="add the column to the export, or describe the file with a custom source" if hits else
             "check that the file belongs in this folder and that its first rows hold the column names; a "
             "file of another layout needs a custom source (docs/sources.md)",
        key="error.input.required_missing" if hits else "error.input.no_header", values=values,
    )


def builtin_sources(timezone: str = "Asia/Shanghai",
                    periods: list[tuple[str, tuple[str, str]]] | None = None, country: str = "") -> list[Source]:
    """The adapters storebook ships, for a store in ``timezone``.

    ``periods`` are the periods declared for report files that name no day (pins with
    ``period:``): (pattern under data/raw, (first day, last day)). ``country`` is the store's
    ``[store] country`` ("" when not set): the country of a row whose export names none.
    """
    from storebook.ingest.sources import ga4, jd, jd_items, ratings, shopify, sycm_items, tmall
    from storebook.ingest.sources.reports import SourceReport

    sources: list[Source] = [
        CanonicalSource(country),
        shopify.ShopifyOrders(timezone, country), shopify.ShopifyProducts(),
        tmall.TmallOrders(), tmall.SycmTraffic(), sycm_items.SycmItems(),
        jd.JdOrders(), jd.JdTraffic(), jd_items.JdItems(), ratings.SycmDsr(), ratings.JdShopScore(),
        ga4.Ga4Traffic(), ga4.Ga4Totals(), ga4.Ga4Download(),
    ]
    for source in sources:
        if isinstance(source, SourceReport):
            source.periods = list(periods or [])
    return sources


@dataclass
class Registry:
    """The adapters of one workbook: declared custom sources first, then the built-in ones.

    ``pins`` (from ``storebook.sources.yaml``) assign files to a source by pattern and
    settle a file that several sources recognise. ``tag`` fingerprints everything that
    changes how a raw file is read (adapter version, time zone, the declarations), so that
    ingest re-reads files when it changes.
    """

    sources: list[Source]
    pins: list[tuple[str, str]] = field(default_factory=list)
    tag: str = ""
    declared_in: str = "storebook.sources.yaml"
    #: The values the workbook accepts in vocabulary columns (``schema.ColumnSpec.vocab``):
    #: ``{"platforms": [...], "channels+all": [...], …}``; None = no check (a bare registry).
    vocab: dict[str, list[str]] | None = None
    #: The limits and declared encodings the readers work under (``[ingest]`` in storebook.toml).
    policy: ReadPolicy = field(default_factory=ReadPolicy)
    #: The store's time zone (timestamps with an offset are converted to it).
    timezone: str = "Asia/Shanghai"
    #: Files declared not to be data (``not_read:`` in storebook.sources.yaml): (pattern, why).
    not_read: list[tuple[str, str]] = field(default_factory=list)
    #: The store's ``[store] country`` ("" when not set): the country of rows that name none.
    country: str = ""

    def by_name(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)

    def why_not_read(self, path: Path, raw_root: Path) -> str | None:
        """Why ``path`` is not read (its ``not_read:`` entry), or None when it is data."""
        rel = path.relative_to(raw_root).as_posix()
        return next((why for pattern, why in self.not_read if fnmatch.fnmatch(rel, pattern)), None)


def registry(config=None) -> Registry:  # noqa: ANN001 - Config, imported lazily (config imports nothing of ours)
    """The adapters for a workbook (``config``), or the built-in ones when None.

    Raises:
        InputError: ``storebook.sources.yaml`` is malformed (named with what to fix).
    """
    from storebook.ingest.sources import custom

    timezone = config.timezone if config is not None else "Asia/Shanghai"
    country = config.country if config is not None else ""
    declared = (custom.load_declarations(config.root, timezone, country) if config is not None
                else custom.Declarations())
    builtin = builtin_sources(timezone, declared.periods, country)
    names = {s.name for s in builtin}
    for src in declared.sources:
        if src.name in names:
            raise InputError(declared.path, f"the custom source name '{src.name}' is a built-in source's name",
                             expected="a name of your own", todo=f"rename the source in {declared.path.name}",
                             key="error.input.source_builtin_name",
                             values={"name": src.name, "file": declared.path.name})
    for pattern, name in declared.pins:
        if name not in names | {s.name for s in declared.sources}:
            raise InputError(declared.path, f"the pin for '{pattern}' uses the unknown source '{name}'",
                             expected=f"one of {', '.join(sorted(names | {s.name for s in declared.sources}))}",
                             todo=f"fix `use:` in {declared.path.name}", key="error.input.pin_unknown_source",
                             values={"pattern": pattern, "name": name, "file": declared.path.name,
                                     "names": ", ".join(sorted(names | {s.name for s in declared.sources}))})
    vocab = None
    if config is not None:
        names = sorted({c.vocab for t in schema.TABLES for c in schema.columns(t) if c.vocab})
        vocab = {name: config.vocabulary(name) for name in names}
    policy = ReadPolicy.from_config(config) if config is not None else ReadPolicy()
    encodings = json.dumps(sorted(policy.encodings))  # a declared encoding changes how a file reads
    tag = hashlib.sha256(f"{ADAPTERS_VERSION}|{timezone}|{country}|{declared.text}|{sorted((vocab or {}).items())}|"
                         f"{encodings}".encode()).hexdigest()
    return Registry([*declared.sources, *builtin], declared.pins, tag, declared.path.name, vocab, policy, timezone,
                    declared.not_read, country)


#: The built-in adapters (for a store in Asia/Shanghai); ingest uses :func:`registry`.
SOURCES: list[Source] = builtin_sources()


def data_files(raw_root: Path) -> list[Path]:
    """Every data file under raw_root, sorted; names starting with '_' or '.' are not data.

    A link (to a file or a folder) whose target lies inside raw_root is followed, and its
    files are listed under the link's path (the folder names the table). A link that leads
    out of raw_root, to nothing, or to a file or folder that is read already (a loop, or the
    same files twice), and anything that is not a regular file (a pipe would block the
    ingest) stop the ingest: nothing is skipped silently, and nothing outside raw_root is
    ever opened (so none of its content can reach a message or ``_rejected``).

    Raises:
        IngestError: naming each such entry and what to do.
    """
    root = raw_root.resolve()
    files: list[tuple[Path, Path, bool]] = []  # (path as listed, resolved, reached through a link)
    folders: dict[Path, Path] = {root: raw_root}
    problems: list[InputError] = []

    def walk(folder: Path) -> None:
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            path = folder / entry.name
            if entry.name.startswith(("_", ".")):
                continue
            if entry.is_symlink():
                problem = _follow_link(path, root, folders)
                if problem is not None:
                    problems.append(problem)
                elif path.is_dir():
                    folders[path.resolve()] = path
                    walk(path)
                else:
                    files.append((path, path.resolve(), True))
            elif entry.is_dir(follow_symlinks=False):
                real = path.resolve()
                if real in folders:  # reached through a link listed earlier
                    problems.append(_twice(path, folders[real]))
                    continue
                folders[real] = path
                walk(path)
            elif entry.is_file(follow_symlinks=False):
                files.append((path, path.resolve(), False))
            else:
                problems.append(InputError(path, "not a regular file (a pipe, socket or device)",
                                           expected="data files and folders only", todo="move it out of data/raw",
                                           key="error.input.special_file"))

    walk(raw_root)
    first: dict[Path, Path] = {}
    for path, real, _ in sorted(files, key=lambda f: (f[2], str(f[0]))):  # real files claim their bytes first
        if real in first:
            problems.append(_twice(path, first[real]))
        else:
            first[real] = path
    if problems:
        raise IngestError(problems)
    return sorted(path for path, _, _ in files)


def _follow_link(path: Path, root: Path, folders: dict[Path, Path]) -> InputError | None:
    """Why the link ``path`` must not be followed, or None when it may."""
    target = path.resolve()
    fix = ("copy the files into data/raw instead of linking them, or point paths.raw in storebook.toml (or "
           "STOREBOOK_RAW) at the folder that holds the exports")
    if not target.is_relative_to(root):
        return InputError(path, f"a link that leads out of data/raw (to {target}): ingest reads only files inside "
                                "data/raw, and has not opened it", expected="data files inside data/raw", todo=fix,
                          key="error.input.link_out", values={"target": str(target)})
    if not target.exists():
        return InputError(path, "a link to nothing (its target was moved or deleted)", expected="a data file",
                          todo="remove the link or restore its target", key="error.input.link_broken")
    if target.is_dir():  # every folder being walked (the link's own ancestors too) is in ``folders``
        return _twice(path, folders[target]) if target in folders else None
    if not target.is_file():
        return InputError(path, "a link to something that is not a regular file", expected="a data file",
                          todo="remove the link", key="error.input.link_special")
    return None


def _twice(path: Path, other: Path) -> InputError:
    return InputError(path, f"leads to files that are read already (through {other}): they would be read twice, "
                            "or forever in a loop", expected="each file reached once",
                      todo="remove the link, or move the files it duplicates", key="error.input.link_twice",
                      values={"other": str(other)})


def _describe(source: Source) -> str:
    describe = getattr(source, "describe", None)
    return describe() if describe else source.name


def detect(path: Path, raw_root: Path, sources: Registry | list[Source] | None = None) -> Source:
    """The one adapter that reads ``path``.

    A pin in ``storebook.sources.yaml`` whose pattern matches the file decides outright;
    otherwise every adapter is asked whether it recognises the file.

    Raises:
        InputError: when no adapter recognises the file (naming the closest source and the
            columns it misses), or more than one does (naming them and how to choose).
    """
    reg = sources if isinstance(sources, Registry) else Registry(sources if sources is not None else SOURCES)
    suffix = path.suffix.lower()
    if suffix not in DATA_SUFFIXES:
        raise InputError(path, f"'{suffix or path.name}' files are not read", expected="CSV or Excel exports",
                         todo="export the data as CSV or XLSX, or move this file out of data/raw",
                         key="error.input.suffix", values={"suffix": suffix or path.name})
    rel = path.relative_to(raw_root).as_posix()
    for pattern, name in reg.pins:
        if fnmatch.fnmatch(rel, pattern):
            pinned = reg.by_name(name)
            assert pinned is not None  # registry() checked the names
            return pinned
    header = read_header(path)[0]
    found = [s for s in reg.sources if s.matches(path, header, raw_root)]
    if len(found) > 1:  # a source read only through joins yields to one that feeds a table
        found = [s for s in found if not getattr(s, "lookup_only", False)] or found
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(path, "no source recognises this file", **_closest(path, header, raw_root, reg))  # keyed there
    names = "; ".join(_describe(s) for s in found)
    todo = (f"pin the file to one of them in {reg.declared_in} beside storebook.toml:"
            f" `pins: [{{files: \"{rel}\", use: {found[-1].name}}}]` (a pattern like \"{Path(rel).parent.as_posix()}/*\""
            " pins a whole folder)")
    values: dict = {"names": names, "declared_in": reg.declared_in, "file": rel, "source": found[-1].name,
                    "folder": Path(rel).parent.as_posix(), "tables": "", "canonical": ""}
    if sum(1 for s in found if s.name != "canonical" and s.name not in {b.name for b in SOURCES}) > 1:
        todo += (", or, to feed several tables from one file, declare one custom source with `tables:`"
                 " (docs/sources.md)")
        values["tables"] = Said("error.input.several_sources.tables", {})
    if any(s.name == "canonical" for s in found):
        todo = (f"data/raw/{Path(rel).parts[0]}/ is the canonical layout's folder for that table: move a platform "
                f"export into a folder of its own (e.g. data/raw/{found[-1].name.split('_')[0]}/), or " + todo)
        values["canonical"] = Said("error.input.several_sources.canonical",
                                   {"table": Path(rel).parts[0], "platform": found[-1].name.split("_")[0]})
    raise InputError(path, f"the file matches several sources: {names}", expected="exactly one source",
                     todo=todo, key="error.input.several_sources", values=values)


def _closest(path: Path, header: list[str], raw_root: Path, reg: Registry) -> dict[str, str]:
    scored = []
    for source in reg.sources:
        diagnose = getattr(source, "diagnose", None)
        if diagnose is not None:
            score, missing = diagnose(path, header, raw_root)
            scored.append((score, source, missing))
    scored.sort(key=lambda t: -t[0])
    tables = ", ".join(schema.TABLES)
    fallback = {
        "expected": f"a canonical file in data/raw/<table>/ (tables: {tables}) or a known platform export "
                    "(docs/sources.md lists them)",
        "todo": f"move it into the folder of its table, or declare it as a custom source in {reg.declared_in}",
        "key": "error.input.no_source", "values": {"tables": tables, "declared_in": reg.declared_in},
    }
    if not scored or scored[0][0] == 0:
        return fallback
    score, source, missing = scored[0]
    cols = ", ".join(f"'{m}'" if not m.startswith("(") else m for m in missing)
    return {
        "expected": f"the closest source is {_describe(source)}, which finds {score:.0%} of the columns it "
                    f"recognises; missing: {cols}",
        "todo": "if it is that export, re-export it with those columns (check the export settings or the "
                f"report's columns); otherwise declare it as a custom source in {reg.declared_in} (docs/sources.md)",
        "key": "error.input.no_source.closest",
        "values": {"source": _describe(source), "share": f"{score:.0%}", "missing": cols, "declared_in": reg.declared_in},
    }
