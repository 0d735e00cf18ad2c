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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storebook import schema
from storebook.errors import InputError
from storebook.sources.base import PERSONAL_COLUMNS, Source, SourceFrame
from storebook.sources.readers import read_header, read_table

__all__ = ["PERSONAL_COLUMNS", "SOURCES", "CanonicalSource", "Registry", "Source", "SourceFrame",
           "data_files", "detect", "registry"]

#: Bump when an adapter's output changes, so that cached parses are not reused.
ADAPTERS_VERSION = "1"
DATA_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls"}


class CanonicalSource:
    """``data/raw/<table>/*.csv|xlsx`` whose header holds the contract's columns."""

    name = "canonical"

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
        raw = read_table(path)
        specs = schema.columns(table)
        present = set(raw.frame.columns)
        missing = [c.name for c in specs if c.name not in present and not c.nullable]
        if missing:
            raise InputError(
                path,
                f"required column(s) {', '.join(repr(m) for m in missing)} missing",
                row=1,
                column=missing[0],
                expected=f"the {table} columns: {', '.join(c.name for c in specs)}",
                todo="add the column to the export, or describe the file with a custom source",
            )
        frame = raw.frame
        for spec in specs:  # optional columns the export leaves out are simply empty
            if spec.name not in present:
                frame = frame.assign(**{spec.name: ""})
        wanted = [c.name for c in specs]
        dropped = [c for c in raw.frame.columns if c not in wanted]
        yield SourceFrame(table, frame[wanted], raw.rows, raw.encoding, dropped)


def builtin_sources(timezone: str = "Asia/Shanghai") -> list[Source]:
    """The adapters storebook ships, for a store in ``timezone``."""
    from storebook.sources import ga4, jd, shopify, tmall

    return [
        CanonicalSource(),
        shopify.ShopifyOrders(timezone), shopify.ShopifyProducts(),
        tmall.TmallOrders(), tmall.SycmTraffic(),
        jd.JdOrders(), jd.JdTraffic(),
        ga4.Ga4Traffic(), ga4.Ga4Totals(),
    ]


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

    def by_name(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)


def registry(config=None) -> Registry:  # noqa: ANN001 - Config, imported lazily (config imports nothing of ours)
    """The adapters for a workbook (``config``), or the built-in ones when None.

    Raises:
        InputError: ``storebook.sources.yaml`` is malformed (named with what to fix).
    """
    from storebook.sources import custom

    timezone = config.timezone if config is not None else "Asia/Shanghai"
    declared = (custom.load_declarations(config.root, timezone) if config is not None
                else custom.Declarations())
    builtin = builtin_sources(timezone)
    names = {s.name for s in builtin}
    for src in declared.sources:
        if src.name in names:
            raise InputError(declared.path, f"the custom source name '{src.name}' is a built-in source's name",
                             expected="a name of your own", todo=f"rename the source in {declared.path.name}")
    for pattern, name in declared.pins:
        if name not in names | {s.name for s in declared.sources}:
            raise InputError(declared.path, f"the pin for '{pattern}' uses the unknown source '{name}'",
                             expected=f"one of {', '.join(sorted(names | {s.name for s in declared.sources}))}",
                             todo=f"fix `use:` in {declared.path.name}")
    vocab = None
    if config is not None:
        names = sorted({c.vocab for t in schema.TABLES for c in schema.columns(t) if c.vocab})
        vocab = {name: config.vocabulary(name) for name in names}
    tag = hashlib.sha256(f"{ADAPTERS_VERSION}|{timezone}|{declared.text}|{sorted((vocab or {}).items())}".encode()
                         ).hexdigest()
    return Registry([*declared.sources, *builtin], declared.pins, tag, declared.path.name, vocab)


#: The built-in adapters (for a store in Asia/Shanghai); ingest uses :func:`registry`.
SOURCES: list[Source] = builtin_sources()


def data_files(raw_root: Path) -> list[Path]:
    """Every data file under raw_root, sorted; names starting with '_' or '.' are not data."""
    files = []
    for path in sorted(raw_root.rglob("*")):
        rel = path.relative_to(raw_root)
        if path.is_file() and not any(part.startswith(("_", ".")) for part in rel.parts):
            files.append(path)
    return files


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
                         todo="export the data as CSV or XLSX, or move this file out of data/raw")
    rel = path.relative_to(raw_root).as_posix()
    for pattern, name in reg.pins:
        if fnmatch.fnmatch(rel, pattern):
            pinned = reg.by_name(name)
            assert pinned is not None  # registry() checked the names
            return pinned
    header = read_header(path)[0]
    found = [s for s in reg.sources if s.matches(path, header, raw_root)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(path, "no source recognises this file", **_closest(path, header, raw_root, reg))
    names = "; ".join(_describe(s) for s in found)
    todo = (f"pin the file to one of them in {reg.declared_in} beside storebook.toml:"
            f" `pins: [{{files: \"{rel}\", use: {found[-1].name}}}]` (a pattern like \"{Path(rel).parent.as_posix()}/*\""
            " pins a whole folder)")
    if any(s.name == "canonical" for s in found):
        todo = (f"data/raw/{Path(rel).parts[0]}/ is the canonical layout's folder for that table: move a platform "
                f"export into a folder of its own (e.g. data/raw/{found[-1].name.split('_')[0]}/), or " + todo)
    raise InputError(path, f"the file matches several sources: {names}", expected="exactly one source",
                     todo=todo)


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
    }
