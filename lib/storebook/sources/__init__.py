"""Source adapters: from what a platform writes to the canonical tables.

An adapter recognises its files (by folder and header) and yields, per file, one or more
frames of text in the canonical column names. Ingest then parses, validates and writes
them, the same way for every source. The canonical layout is the first adapter; platform
formats (Shopify, 生意参谋, 京东商智, GA4) and analyst-declared custom sources plug in here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd

from storebook import schema
from storebook.errors import InputError
from storebook.sources.readers import read_header, read_table

#: Columns that hold personal data in raw exports; ingest never carries them forward.
PERSONAL_COLUMNS = {
    "buyer_name", "buyer_phone", "buyer_email", "shipping_address", "ip_address",
    "customer_name", "customer_phone", "customer_email", "receiver_name", "receiver_phone",
    "receiver_address", "email", "phone", "address", "name",
}


@dataclass
class SourceFrame:
    """Rows of one canonical table read from one file, as text, in canonical names."""

    table: str
    frame: pd.DataFrame
    rows: pd.Series  # spreadsheet row numbers in the file, for messages
    encoding: str
    dropped_columns: list[str]


class Source(Protocol):
    """What an adapter provides."""

    name: str

    def matches(self, path: Path, header: list[str], raw_root: Path) -> bool: ...

    def read(self, path: Path, raw_root: Path) -> Iterator[SourceFrame]: ...


class CanonicalSource:
    """``data/raw/<table>/*.csv|xlsx`` whose header holds the contract's columns."""

    name = "canonical"

    def table_of(self, path: Path, raw_root: Path) -> str | None:
        parts = path.relative_to(raw_root).parts
        return parts[0] if len(parts) > 1 and parts[0] in schema.TABLES else None

    def matches(self, path: Path, header: list[str], raw_root: Path) -> bool:
        return self.table_of(path, raw_root) is not None

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


#: Registered adapters, tried in order.
SOURCES: list[Source] = [CanonicalSource()]


def data_files(raw_root: Path) -> list[Path]:
    """Every data file under raw_root, sorted; names starting with '_' or '.' are not data."""
    files = []
    for path in sorted(raw_root.rglob("*")):
        rel = path.relative_to(raw_root)
        if path.is_file() and not any(part.startswith(("_", ".")) for part in rel.parts):
            files.append(path)
    return files


def detect(path: Path, raw_root: Path) -> Source:
    """The one adapter that reads ``path``.

    Raises:
        InputError: when no adapter, or more than one, recognises the file.
    """
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls"}:
        raise InputError(path, f"'{suffix or path.name}' files are not read", expected="CSV or Excel exports",
                         todo="export the data as CSV or XLSX, or move this file out of data/raw")
    header = read_header(path)[0]
    found = [s for s in SOURCES if s.matches(path, header, raw_root)]
    if len(found) == 1:
        return found[0]
    if not found:
        tables = ", ".join(schema.TABLES)
        raise InputError(
            path,
            "no source recognises this file",
            expected=f"a canonical file in data/raw/<table>/ (tables: {tables}) or a known platform export",
            todo="move it into the folder of its table, or declare it as a custom source",
        )
    names = ", ".join(s.name for s in found)
    raise InputError(path, f"the file matches several sources ({names})", expected="exactly one source",
                     todo="move it into the folder of the source it belongs to")
