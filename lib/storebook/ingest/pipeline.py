"""``storebook ingest``: data/raw → validated canonical Parquet in data/processed.

The steps, per raw file: detect its source adapter → read as text → parse each column
(a value that does not parse rejects its row, with the reason) → pseudonymise the customer
id and drop personal columns → check the schema's row rules. Then across files: duplicate
keys, then foreign keys in dependency order. Every row that fails goes to
``_rejected/<table>.parquet`` with file, row, column, value and reason, so that per file
rows read = rows written + rows rejected, which ``_ingest.json`` records.

Guarantees: raw files are only ever opened for reading; the same raw files (and key) give
byte-identical tables; a new set of tables, with its rejected rows and ``_ingest.json``,
becomes visible in one step once complete (a new generation, storebook.engine.generations), so a
run stopped anywhere leaves the old tables or the new ones, never a mix, and the next run
repairs what it left; one ingest runs per store at a time (storebook.engine.locks); a raw file
whose bytes did not change is not parsed again (its parsed rows are cached by its path, the
definition of the source that reads it and its content, with that of the files the source
joins to it).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from storebook.engine import derived, generations, locks, schema
from storebook.engine.config import Config
from storebook.engine.identity import (
    check_currencies,
    currency_facts,
    found_in_data,
    identify,
    inferred_facts,
    read_store_file,
)
from storebook.engine.sqltext import literal
from storebook.errors import IngestError, InputError, NoDataError, Said, StorebookError
from storebook.ingest import crossfile, parsing, rejects, workers, writing, zones
from storebook.ingest.crossfile import Part
from storebook.ingest.frames import _hmac_prefixes, _pseudonymise, parse_frame  # noqa: F401 - re-exported
from storebook.ingest.parsing import FALSE_WORDS, PLANNED_DATES, TRUE_WORDS  # noqa: F401 - re-exported
from storebook.ingest.parsing import NULL_SPELLINGS as _NULL_SPELLINGS  # noqa: F401 - re-exported
from storebook.ingest.perfile import _parse_to_cache, _write_cache  # noqa: F401 - re-exported
from storebook.ingest.rejects import REJECTED_COLUMNS, SOURCE_FILE, SOURCE_ROW, Rejects, records  # noqa: F401 - re-exported
from storebook.ingest.sources import (
    ADAPTERS_VERSION,
    PERSONAL_COLUMNS,
    data_files,
    detect,
    registry,
)
from storebook.ingest.stages import Stages
from storebook.ingest.wording import Note, folded_kind, say_note, say_reason

#: Bump when parsing or validation changes, so cached parses are not reused.
# 10: `currency:` of storebook.sources.yaml recorded per file; the store's regions' countries and the rows stating
# each currency recorded in _ingest.json's store (what the store's currency and country are inferred from).
# 11: a bare two-letter province code (SC, HI, NM …) is a province of China only in a row whose country says
# China (Shopify's Shipping/Billing Country); elsewhere it is kept as written (SC: Santa Catarina, South Carolina).
# 12: a region's country from a custom source's `country:`, else the store's [store] country; Shopify's Billing
# Country where the Shipping Country is empty; CN-ZJ read as 浙江; the contract's layout and custom suppliers
# write a province of China by its short name (浙江省 → 浙江), as the other sources do.
# 13: a Shopify Currency value that is no currency code ($, Yuan) states none (recorded per file as currency_unread,
# warned of with its row); it was counted as a currency of its own.
# 14: a currency value that is no code (Shopify's Currency, a custom source's currency column) rejects its row
# (Shopify: the order and its lines) instead of keeping it in an unknown currency, or stopping the whole ingest.
# 15: a currency cell spelling one currency (人民币, RMB, 元, R$, €, US$, £, ₹) is read as its code instead of
# rejecting its row; $, ¥ and Rs, which name several, still reject it.
# 16: a row rejected for $, ¥ or Rs gets its own reason (the currencies the sign may be, and for a custom source
# the `currency.values` line that maps it) instead of "not a currency code": cached parses hold the old reason.
INGEST_VERSION = "16"



@dataclass
class FileReport:
    """What happened to one raw file."""

    path: str
    source: str
    table: str
    sha256: str
    encoding: str
    rows_read: int
    rows_written: int = 0
    rows_rejected: int = 0
    seconds: float = 0.0
    cached: bool = False
    dropped_columns: list[str] = field(default_factory=list)
    #: What the adapter did and what the platform's numbers mean (see SourceFrame.notes).
    notes: list[str] = field(default_factory=list)
    #: The currency the export states (SourceFrame.currency, e.g. Shopify's Currency column).
    currency: str | None = None
    #: The column that states it (SourceFrame.currency_column).
    currency_column: str = ""
    #: The rows of the file stating each currency (SourceFrame.currency_rows): several in one
    #: file are warned of (storebook.engine.identity.check_currencies).
    currency_rows: dict[str, int] = field(default_factory=dict)
    #: Values of the currency column that are not currency codes (SourceFrame.currency_unread):
    #: value → rows and the first row; the rows kept, ingest warns (identity.check_currencies).
    currency_unread: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Lines of the file that continue a row rather than being one (Shopify products' image-only
    #: rows, folded into their product): the file's lines = rows_read + rows_folded.
    rows_folded: int = 0
    #: What they are (SourceFrame.folded_kind: ``image_only``).
    folded_kind: str = ""


@dataclass
class IngestReport:
    """The outcome of one ingest run; ``_ingest.json`` holds the same."""

    files: list[FileReport]
    tables: dict[str, dict]
    fingerprint: str
    seconds: float
    skipped: bool = False
    #: What this run found left by a stopped run and repaired, one sentence each.
    repairs: list[str] = field(default_factory=list)
    #: The commonest reasons rows were rejected: (table, reason, rows), most rows first.
    top_reasons: list[tuple[str, str, int]] = field(default_factory=list)
    #: What the user should know about how this run read the data (the time zone it chose).
    notes: list[str] = field(default_factory=list)
    #: Files read only as lookups joined into other files' rows (a category translation): path,
    #: source, joined_into (the sources that join it). They feed no table of their own.
    lookups: list[dict] = field(default_factory=list)
    #: The currencies the files state, when they disagree, some files state none beside others
    #: that do, or one file states several (storebook.engine.identity.check_currencies); None
    #: when nothing to say.
    currencies: dict | None = None
    #: How the store's currency was inferred where neither the settings nor the exports state it
    #: (storebook.engine.identity.infer_currency); None where it was not.
    currency_inferred: dict | None = None

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    def summary(self, text: Any) -> str:
        """What the run did, for the console, in ``text``'s language.

        Args:
            text: the message catalogue in the summary's language (``storebook.report.text.Text``,
                which ``storebook ingest --lang`` passes): every line is the catalogue's
                (``cli.ingest.*``); folded lines, rejection reasons and currency warnings are
                said in the data-quality page's words, defined once (:mod:`storebook.ingest.wording`,
                :func:`storebook.engine.identity.currency_facts`; how an unstated currency was inferred,
                :func:`~storebook.engine.identity.inferred_facts`; ingest imports no report layer).
                A note is said from the catalogue where ingest gave it a key (:class:`~storebook.ingest.wording.Note`);
                the repairs are ingest's own sentences, in English.
        """
        said = [text("cli.ingest.repaired", note=note) for note in self.repairs]
        said += [text("cli.ingest.note", note=say_note(note, text)) for note in self.notes]
        if self.skipped:
            said.append(text("cli.ingest.unchanged", fingerprint=self.fingerprint[:12]))
            said += self._currency_lines(text)
        else:
            said += self._counts(text)
        return "\n".join(said)

    def _counts(self, text: Any) -> list[str]:
        read = sum(f.rows_read for f in self.files)
        written = sum(f.rows_written for f in self.files)
        files = len({f.path for f in self.files})  # a file feeding two tables is one file
        # Every file read is counted: a lookup joined into other files' rows feeds no table itself.
        what = (text("cli.ingest.files.lookups", count=files + len(self.lookups), files=files,
                     lookups=len(self.lookups)) if self.lookups
                else text("cli.ingest.files", files=files))
        lines = [text("cli.ingest.counts", what=what, read=read, written=written, rejected=self.rows_rejected,
                      seconds=self.seconds, fingerprint=self.fingerprint[:12])]
        lines += [text("cli.ingest.lookup", path=lookup["path"], joined=", ".join(lookup["joined_into"]))
                  if lookup["joined_into"] else text("cli.ingest.lookup.alone", path=lookup["path"])
                  for lookup in self.lookups]
        # Lines that continue a row are not rows: say how the file's lines reconcile.
        lines += [text("cli.ingest.folded", path=f.path, lines=f.rows_read + f.rows_folded, read=f.rows_read,
                       table=f.table, folded=f.rows_folded, kind=folded_kind(f.folded_kind, text))
                  for f in self.files if f.rows_folded]
        lines += [text("cli.ingest.table.rejected" if info["rejected"] else "cli.ingest.table", table=name,
                       rows=info["rows"], rejected=info["rejected"]) for name, info in self.tables.items()]
        # The fix is usually in the reason (a platform to add, a column to map): say it here.
        lines += [text("cli.ingest.rejected", table=table, rows=rows, reason=say_reason(reason, text))
                  for table, reason, rows in self.top_reasons]
        if self.rows_rejected:
            lines.append(text("cli.ingest.rejected.where"))
        lines += self._currency_lines(text)
        return lines

    def _currency_lines(self, text: Any) -> list[str]:
        """The currency warnings, then how the currency was inferred (never silently)."""
        return currency_warnings(self.currencies, text) + [
            text("cli.ingest.warning", message=text(key, **values))
            for key, values in inferred_facts(self.currency_inferred, text).items()]


def currency_warnings(found: dict | None, text: Any) -> list[str]:
    """The ingest summary's warnings about currencies (:func:`storebook.engine.identity.check_currencies`),
    one line each, in the data-quality page's words (:func:`storebook.engine.identity.currency_facts`):
    which file is in which currency in which column, which files state none, which file states
    several in its own rows (with the rows of each), and what to do."""
    return [text("cli.ingest.warning", message=text(key, **values))
            for key, values in currency_facts(found, text).items()]


def out_of_memory(exc: duckdb.OutOfMemoryException) -> StorebookError:
    """What to tell the analyst when ingest's DuckDB ran out of its memory cap, with DuckDB's
    own count ("953.7 MiB/953.6 MiB used") for the record."""
    cap = crossfile.ingest_memory()
    used = re.search(r"\(([^()]*used)\)", str(exc))
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(\w+)\s*", cap)
    example = f"STOREBOOK_INGEST_MEMORY={float(match[1]) * 2:g}{match[2]} storebook ingest" if match else (
        "STOREBOOK_INGEST_MEMORY=6GB storebook ingest")
    return StorebookError(
        f"ingest stopped: DuckDB needed more memory than ingest may use ({cap}, STOREBOOK_INGEST_MEMORY"
        f"{'; ' + used[1] if used else ''}) to check and write the tables; data/processed was left as it was. "
        f"What to do: ingest again with a larger cap, if the machine has that much free, e.g. `{example}`; "
        f"or close other programs that hold memory and ingest again.",
        key="error.ingest.out_of_memory",
        values={"cap": cap, "example": example,
                "used": Said("error.ingest.out_of_memory.used", {"used": used[1]}) if used else ""})


#: Writes one table (tests replace it to stop a run part-way).
_write_parquet = writing.write_parquet


def _write_tables(con: duckdb.DuckDBPyConnection, staging: Path, rows: dict[str, int],
                  row_group_days: dict[str, list] | None = None,
                  derived_info: dict[str, dict] | None = None) -> dict[str, str]:
    """Write each table (name → its rows) into ``staging`` from its ``live_`` view; the
    SHA-256 of each file. Two tables at a time, the largest first, each through a DuckDB
    cursor of its own: while DuckDB sorts one, pyarrow encodes and compresses the other.
    Each file's bytes depend on its rows alone, so the order of the writes changes nothing.
    ``row_group_days`` receives, per table written in its parent's day order (order lines),
    each row group's first and last day (writing.sorted_chunks). ``derived_info``, when
    given, receives the tables derived from the written ones (storebook.engine.derived:
    :func:`_write_derived`, :func:`_write_daily_sales`, returns_orders), each written by a
    thread of its own as soon as the tables it is derived from are written, beside the
    tables still being written. They used to wait for a free writer: first_purchases held
    the orders' writer while the shipments waited, and daily_sales, on one thread by design,
    ran last with the second core idle (issue #17, tenth session)."""
    from concurrent.futures import ThreadPoolExecutor

    # The writes and derived tables share the connection's memory cap: two questions at a time.
    slots = writing.QuerySlots()

    def write(table: str) -> str:
        out_path = staging / table / "part-0.parquet"
        days = [] if row_group_days is not None and writing.parent_dated(table) else None
        cursor = con.cursor()
        try:
            _write_parquet(writing.sorted_chunks(cursor, table, rows[table], days, slots), out_path)
        finally:
            cursor.close()
        if pq.ParquetFile(out_path).metadata.num_rows != rows[table]:  # the promise of ingest
            raise AssertionError(f"{table}: {rows[table]} rows to write, {pq.ParquetFile(out_path).metadata.num_rows} written")
        if days is not None:
            row_group_days[table] = days
        return _sha256(out_path)

    def derive(name: str) -> dict[str, dict]:  # once its sources are written (their futures)
        tables = {t: (rows[t], futures[t].result()) for t in derived.SOURCES[name]}
        if name == derived.FIRST_PURCHASES:
            return _write_derived(con, staging, *tables["orders"], slots=slots)
        if name == derived.DAILY_SALES:
            return {name: _write_daily_sales(staging, tables, (row_group_days or {}).get("order_lines"))}
        return _derive(con, staging, [(derived.RETURNS_ORDERS, derived.returns_orders_sql,
                                       derived.RETURNS_ORDERS_SCHEMA)], tables, slots)

    # In the manifest's order; those whose source tables are all present (as before).
    names = [] if derived_info is None else [
        name for name in (derived.FIRST_PURCHASES, derived.DAILY_SALES, derived.RETURNS_ORDERS)
        if all(t in rows for t in derived.SOURCES[name])]
    order = sorted(rows, key=lambda t: -rows[t])
    with (ThreadPoolExecutor(max_workers=min(2, max(1, os.cpu_count() or 1))) as pool,
          ThreadPoolExecutor(max_workers=max(1, len(names))) as side):
        futures = {t: pool.submit(write, t) for t in order}
        pending = [side.submit(derive, name) for name in names]
        out = {t: futures[t].result() for t in order}
        for done in pending:
            derived_info.update(done.result())
        return out


def _write_derived(con: duckdb.DuckDBPyConnection, staging: Path, orders_rows: int, orders_sha256: str,
                   slots: writing.QuerySlots | None = None) -> dict[str, dict]:
    """Write the tables derived from the orders alone (storebook.engine.derived:
    first_purchases) from the orders just written into ``staging``; for the manifest, as
    :func:`_derive`."""
    return _derive(con, staging, [(derived.FIRST_PURCHASES, derived.first_purchases_sql, derived.FIRST_PURCHASE_SCHEMA)],
                   {"orders": (orders_rows, orders_sha256)}, slots)


def _write_daily_sales(staging: Path, tables: dict[str, tuple[int, str]], line_days: list | None) -> dict:
    """Write derived.daily_sales from the orders and order lines written into ``staging``, in
    parts of whole days of orders (derived.daily_sales_parts) where the lines' days allow,
    on a DuckDB of its own with one thread: sums of floats in parallel come out in an order
    that varies from run to run (the revenue of one day and SKU differed in the last bit
    between two ingests of the same files), which one thread reading the files in their
    order does not; the pool runs it beside another table's write. For the manifest, as
    :func:`_derive`."""
    orders_file, lines_file = (str(staging / t / "part-0.parquet") for t in ("orders", "order_lines"))
    own = crossfile.connect(staging / ".duckdb_tmp" / derived.DAILY_SALES)
    try:
        own.execute("SET threads = 1")
        own.execute("SET memory_limit = '1GB'")
        parts = derived.daily_sales_parts(line_days, writing.ROW_GROUP, tables["order_lines"][0]) if line_days else None
        if parts is None:
            own.execute(f"CREATE VIEW ds_orders AS SELECT * FROM read_parquet({literal(orders_file)})")
            own.execute(f"CREATE VIEW ds_lines AS SELECT * FROM read_parquet({literal(lines_file)})")
            sql = derived.daily_sales_sql("ds_orders", "ds_lines")
        else:
            sums = pa_arrow.concat_tables([own.sql(derived.daily_sales_part_sql(orders_file, lines_file, part)).to_arrow_table()
                                           for part in parts])
            own.register("daily_sales_parts", sums)
            sql = derived.daily_sales_sum_sql("daily_sales_parts")
        out_path = Path(derived.path_in(staging, derived.DAILY_SALES)) / "part-0.parquet"
        _write_parquet(writing.derived_chunks(own, sql, derived.DAILY_SALES_SCHEMA), out_path)
    finally:
        own.close()
    return _derived_record(derived.DAILY_SALES, out_path, tables)


def _derived_record(name: str, path: Path, tables: dict[str, tuple[int, str]]) -> dict:
    """The manifest's record of the derived table ``name`` written to ``path``: its rows and
    SHA-256, and those of the tables it was derived from (``tables``: name → rows, SHA-256),
    which a workbook checks before it reads it (derived._written)."""
    info = {"rows": pq.ParquetFile(path).metadata.num_rows, "sha256": _sha256(path)}
    for t in derived.SOURCES[name]:
        info.update({f"{t}_rows": tables[t][0], f"{t}_sha256": tables[t][1]})
    return info


def _derive(con: duckdb.DuckDBPyConnection, staging: Path, jobs: list[tuple[str, Callable[..., str], pa_arrow.Schema]],
            tables: dict[str, tuple[int, str]], slots: writing.QuerySlots | None = None) -> dict[str, dict]:
    """Write each derived table of ``jobs`` (its name, its SQL of its source tables' views in
    the order of derived.SOURCES, its schema) whose source tables are all among ``tables``
    (name → rows, SHA-256, as written into ``staging``). For the manifest, each one's rows and
    SHA-256 and those of the tables it was derived from: a workbook reads it only while they
    are still those (derived._written)."""
    out: dict[str, dict] = {}
    cursor = con.cursor()
    try:
        for name, sql, target in jobs:
            sources = derived.SOURCES[name]
            if not all(t in tables for t in sources):
                continue
            views = []
            for t in sources:
                view = f"derived_{t}"
                cursor.execute(f"CREATE OR REPLACE TEMPORARY VIEW {view} AS "
                               f"SELECT * FROM read_parquet({literal(str(staging / t / 'part-0.parquet'))})")
                views.append(view)
            out_path = Path(derived.path_in(staging, name)) / "part-0.parquet"
            _write_parquet(writing.derived_chunks(cursor, sql(*views), target, slots), out_path)
            out[name] = _derived_record(name, out_path, tables)
    finally:
        cursor.close()
    return out


def _written_span(path: Path, columns: tuple[str, ...]) -> list[str] | None | str:
    """The first and last day of a written event table over its ``columns``, from the file's
    footer: the writer keeps each row group's min and max (write_statistics), so the span a
    report opens with is known without a scan (storebook.engine.availability.table_spans).

    Returns ``[first, last]`` as ISO days; None when no row has one of the dates;
    ``"unknown"`` when a row group with dates carries no statistics (then nothing is recorded).
    """
    meta = pq.ParquetFile(path).metadata
    where = {meta.schema.column(i).path: i for i in range(meta.num_columns)}
    firsts, lasts = [], []
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        for column in columns:
            stats = group.column(where[column]).statistics
            if stats is not None and stats.has_null_count and stats.null_count == group.num_rows:
                continue  # no date in this row group
            if stats is None or not stats.has_min_max:
                return "unknown"
            try:
                firsts.append(pd.Timestamp(stats.min).date())
                lasts.append(pd.Timestamp(stats.max).date())
            except (OverflowError, ValueError):  # beyond Python's dates: parsing rejects those rows
                return "unknown"
    return [min(firsts).isoformat(), max(lasts).isoformat()] if firsts else None


def _fingerprint(paths: list[Path], hashes: dict[Path, str]) -> str:
    digest = hashlib.sha256()
    for path in paths:  # the file hashes are already known: raw files are read once
        digest.update(path.name.encode())
        digest.update(bytes.fromhex(hashes[path]))
    return digest.hexdigest()


# ----------------------------------------------------------------------------- the run

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:  # read-only: raw files are never changed
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _hash_files(files: list[Path]) -> dict[Path, str]:
    """The SHA-256 of each raw file, one file per core at a time (hashlib lets go of the GIL):
    the 10M store's 2.7 GB of exports are read before anything else can start."""
    from concurrent.futures import ThreadPoolExecutor

    if len(files) < 2:
        return {p: _sha256(p) for p in files}
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        return dict(zip(files, pool.map(_sha256, files), strict=True))


def ingest(config: Config | None = None, *, force: bool = False,
           progress: Callable[[str], None] | None = None, now: datetime | None = None,
           wait: float = 0.0) -> IngestReport:
    """Ingest every raw file into data/processed.

    Args:
        config: the workbook configuration (found from the current folder when omitted).
        force: re-parse every file and rewrite every table even if nothing changed.
        progress: called with a short status line per file (the CLI shows a bar).
        now: the moment that separates past from future dates (default: now, store time).
        wait: seconds to wait for another ingest of the same store to finish; 0 = stop at once.
    Returns:
        What was read, written and rejected, per file and per table.
    Raises:
        IngestError: a file cannot be read at all (unknown, empty, undecodable, missing
            a required column); nothing in data/processed changes.
        BusyError: another ingest of the store is running (its pid and start time named).
    """
    config = config or Config.load()
    processed = config.processed_dir
    generations.check_writable(processed)
    processed.mkdir(parents=True, exist_ok=True)
    with locks.hold(processed / LOCK, "ingest", wait, said=Said("error.busy.what.ingest", {})):
        repairs = generations.clean(processed)  # what a stopped run left
        try:
            return _ingest_locked(config, force=force, progress=progress, now=now, repairs=repairs)
        except BaseException:
            generations.clean(processed)  # this run's unfinished generation is never kept
            raise


#: The store's ingest lock, in data/processed (storebook.engine.locks).
LOCK = ".ingest.lock"


def _current_manifest(processed: Path, repairs: list[str]) -> dict:
    """The manifest of the current tables when they agree with it; {} (ingest again) when not."""
    try:
        where = generations.resolve(processed)
    except NoDataError as exc:
        repairs.append(f"{exc}; rebuilt")
        return {}
    if not (where.data / "_ingest.json").is_file():
        return {}
    problems = generations.verify(where.data)
    if problems:
        repairs.append(f"the processed tables did not match their _ingest.json ({problems[0]}); rebuilt")
        return {}
    return generations.read_manifest(where)


def _ingest_locked(config: Config, *, force: bool, progress: Callable[[str], None] | None,
                   now: datetime | None, repairs: list[str]) -> IngestReport:
    """The ingest itself, its lock held (see :func:`ingest`)."""
    started = time.perf_counter()
    stages = Stages()
    raw_root, processed = config.raw_dir, config.processed_dir
    files = data_files(raw_root) if raw_root.is_dir() else []
    if not files:
        raise IngestError([InputError(raw_root, "no raw files found", expected="exports under data/raw/<table>/",
                                      todo="run `storebook sample` for the sample store, or copy your exports there",
                                      key="error.input.no_raw_files")])
    # A store whose zone nobody set is read in the zone its exports' UTC offsets show.
    config, zone = zones.with_found_zone(config, files)
    run_notes = [_zone_note(zone)] if zone else []
    key = config.hash_key()
    try:  # the adapters, with the custom sources declared in storebook.sources.yaml
        sources = registry(config)
    except InputError as exc:
        raise IngestError([exc]) from exc
    # Files declared as not data (`not_read:`): listed with why, not parsed; the others are read.
    not_read = [(f, why) for f in files if (why := sources.why_not_read(f, raw_root)) is not None]
    if not_read:
        skipped = {f for f, _ in not_read}
        files = [f for f in files if f not in skipped]
        run_notes += [Note(f"not read: {_label(f, config.root)}: {why} (`not_read:` in {sources.declared_in})",
                           "cli.ingest.note.not_read", path=_label(f, config.root), why=why,
                           declared_in=sources.declared_in) for f, why in not_read]
        if not files:
            raise IngestError([InputError(raw_root, f"every raw file is declared not read (`not_read:` in "
                                          f"{sources.declared_in})", expected="exports storebook reads under data/raw",
                                          todo="add the exports that feed the tables, or narrow `not_read:`",
                                          key="error.input.all_not_read", values={"declared_in": sources.declared_in})])
    # What changes how a file is read (time zone, declarations) invalidates cached parses.
    key_tag = hashlib.sha256(key + sources.tag.encode()).hexdigest()[:12]

    def tag_of(hashes: dict[Path, str]) -> str:
        return hashlib.sha256((INGEST_VERSION + writing.LAYOUT_VERSION + key_tag + json.dumps(read_store_file(raw_root), sort_keys=True) + "".join(
            f"{p.relative_to(raw_root)}:{hashes[p]}" for p in files)).encode()).hexdigest()

    now = now or datetime.now(ZoneInfo(config.timezone))
    if now.tzinfo is not None:  # compare in store wall-clock time, like the data
        now = now.astimezone(ZoneInfo(config.timezone)).replace(tzinfo=None)
    today = pd.Timestamp(now)
    previous = _current_manifest(processed, repairs)
    hashes: dict[Path, str] = {}
    if not force and previous.get("run_tag"):  # "nothing to do" needs every file's hash first
        with stages.stage("hash"):
            hashes.update(_hash_files(files))
        if previous["run_tag"] == tag_of(hashes) and not _clock_moved_past(previous, today):
            return IngestReport(files=[FileReport(**f) for f in previous["files"]], tables=previous["tables"],
                                fingerprint=previous["fingerprint"], seconds=time.perf_counter() - started,
                                skipped=True, repairs=repairs, notes=run_notes, lookups=previous.get("lookups", []),
                                currencies=previous.get("currencies"),
                                currency_inferred=identify(config, previous).currency_inferred)
    # Else each file is hashed as it is planned, while the workers parse the files planned before it.

    cache_dir = processed / "_cache"
    clock_dir = cache_dir / "clock"  # this run's parts without their future-dated rows
    shutil.rmtree(clock_dir, ignore_errors=True)
    future_until: list[pd.Timestamp] = []
    problems: list[InputError] = []
    reports: list[FileReport] = []
    lookups: list[dict] = []  # files read through the joins of others, feeding no table themselves
    parts: dict[str, list[Part]] = {t: [] for t in schema.TABLES}
    rejected: dict[str, list[pd.DataFrame]] = {t: [] for t in schema.TABLES}
    n_parts = 0
    labels = {p: _label(p, config.root) for p in files}
    cache_bases: dict[Path, Path] = {}

    def plan(path: Path) -> tuple | None:
        """The file's parse job, or None when its parse is cached (runs in the planning thread)."""
        if path not in hashes:
            hashes[path] = _sha256(path)
        cache_bases[path] = cache_dir / _cache_name(path, raw_root, hashes, sources, key, config.timezone)
        if force or not cache_bases[path].with_suffix(".json").is_file():
            return (path, raw_root, labels[path], key, today, cache_bases[path])
        return None

    with stages.stage("hash and parse" if len(hashes) < len(files) else "parse"):
        parse_seconds, failures = workers.parse_files(
            files, plan, lambda job: _parse_to_cache(*job, sources), config, progress,
            lambda p: _label(p, config.root))
    run_tag = tag_of(hashes)
    with stages.stage("collect"):
        for path in files:
            if path in failures:
                problems.append(failures[path])
                continue
            label, cache_base = labels[path], cache_bases[path]
            meta = _read_json(cache_base.with_suffix(".json"))
            cached = path not in parse_seconds
            if not meta["tables"]:
                lookups.append({"path": label, "source": meta["source"],
                                "joined_into": _joined_into(sources, meta["source"])})
            for table in meta["tables"]:
                t0 = time.perf_counter()
                valid_path = cache_base.parent / f"{cache_base.name}.{table}.parquet"
                rej = pd.read_parquet(cache_base.parent / f"{cache_base.name}.{table}.rejected.parquet")
                rejected[table].append(rej.assign(source_file=label))  # the cache may come from a file since renamed
                notes, version, supersede_by, *more = meta.get("extras", {}).get(table, ([], None, None))
                defaults = (None, "", 0, "", {}, {})  # a cache written before a field was recorded
                currency, currency_column, folded_rows, kind, currency_rows, currency_unread = (
                    *more, *defaults[len(more):])[:6]
                valid_path, n_valid, late, until = _apply_clock(valid_path, table, today, label, clock_dir)
                if late is not None:
                    rej = pd.concat([rej, late], ignore_index=True)
                    rejected[table].append(late)
                    future_until.append(until)
                parts[table].append(Part(table=table, index=n_parts, label=label, path=valid_path, rows=n_valid,
                                          version=version, supersede_by=(supersede_by or schema.key(table)) if version else None))
                n_parts += 1
                dropped = meta["dropped"]
                reports.append(FileReport(
                    path=label, source=meta["source"], table=table, sha256=hashes[path], encoding=meta["encoding"],
                    rows_read=n_valid + len(rej), cached=cached,
                    seconds=round(parse_seconds.get(path, 0.0) + time.perf_counter() - t0, 3),
                    dropped_columns=[c for c in dropped if c not in PERSONAL_COLUMNS] + (
                        ["<personal data>"] if any(c in PERSONAL_COLUMNS for c in dropped) else []),
                    notes=list(notes), currency=currency, currency_column=currency_column or "",
                    currency_rows=dict(currency_rows or {}), currency_unread=dict(currency_unread or {}),
                    rows_folded=int(folded_rows or 0), folded_kind=kind or "",
                ))
    if problems:
        raise IngestError(problems)

    staging = generations.begin(processed)  # invisible to readers until published
    con = crossfile.connect(staging / ".duckdb_tmp")
    try:
        present: list[str] = []  # tables with rows once superseded rows are set aside
        with stages.stage("checks"):
            for table in schema.TABLES:
                if not parts[table]:
                    continue
                crossfile.register_table(con, table, parts[table])
                crossfile.mark_superseded(con, table, parts[table])
                if sum(crossfile.live_rows(con, table, parts[table]).values()):
                    present.append(table)
                    crossfile.mark_duplicates(con, table)
            # The join that records each parcel's order (for the fulfilment questions) also
            # counts the shipments' orphans: their anti join is run only where there are some.
            parcels, orphans = crossfile.parcel_record(con, set(present))
            crossfile.mark_orphans(con, set(present), {t for t in schema.TABLES if parts[t]},
                                   frozenset({crossfile.PARCEL_KEY}) if orphans == 0 else frozenset())
            unknown_refs = crossfile.count_unknown_references(con, set(present))
            platforms = crossfile.platforms_present(con, set(present))
            regions = crossfile.region_countries(con, set(present))

        table_info: dict[str, dict] = {}
        written_per_file: dict[tuple[str, str], int] = {}
        rejected_per_file: dict[tuple[str, str], int] = {}
        all_rejected = []
        with stages.stage("count"):
            for table in schema.TABLES:
                by_index = {p.index: p for p in parts[table]}
                if table in present:
                    rejected[table] += crossfile.rejected_across_files(con, table, by_index)
                rej = pd.concat(rejected[table], ignore_index=True) if rejected[table] else Rejects().frame()
                all_rejected.append(rej)
                for f, n in rej.groupby("source_file").size().items():
                    rejected_per_file[(table, f)] = int(n)
                if table not in present:
                    continue
                live_rows = 0
                for index, n in crossfile.live_rows(con, table, parts[table]).items():
                    if n:
                        written_per_file[(table, by_index[index].label)] = n
                    live_rows += n
                table_info[table] = {"rows": live_rows, "rejected": len(rej),
                                     "columns": [c.name for c in schema.columns(table)], "sha256": None}
                if table in unknown_refs:  # kept, and counted for the data-quality page
                    table_info[table]["unknown_references"] = unknown_refs[table]
        if parcels is not None:  # storebook.measures.shipments: with the orders it was taken from
            table_info["shipments"]["parcels"] = {**parcels, "orders_rows": table_info["orders"]["rows"]}
        with stages.stage("write"):
            row_group_days: dict[str, list] = {}
            derived_info: dict[str, dict] = {}
            written = _write_tables(con, staging, {t: i["rows"] for t, i in table_info.items()}, row_group_days,
                                    derived_info)
        for table, digest in written.items():
            table_info[table]["sha256"] = digest
            if table in row_group_days:  # storebook.engine.lines: a month's order lines, its row groups only
                table_info[table]["row_group_days"] = row_group_days[table]
            if table in schema.EVENT_DATES:
                columns = schema.span_columns(table)
                span = _written_span(staging / table / "part-0.parquet", columns)
                if span != "unknown":  # left out, a reader asks the data (availability.table_spans)
                    # With the columns it spans: a manifest written before a period's last day
                    # counted (span_columns) is not believed for a table with one.
                    table_info[table].update(span=span, span_columns=list(columns))
    except duckdb.OutOfMemoryException as exc:
        raise out_of_memory(exc) from exc
    finally:
        con.close()
        shutil.rmtree(staging / ".duckdb_tmp", ignore_errors=True)
    (staging / "_rejected").mkdir(parents=True, exist_ok=True)
    with stages.stage("write_rejected"):
        for table, rej in zip(schema.TABLES, all_rejected, strict=True):
            if len(rej):
                rej = rej.sort_values(["source_file", "source_row"], kind="stable").reset_index(drop=True)
                pq.write_table(pa_arrow.Table.from_pandas(rej, preserve_index=False),
                               staging / "_rejected" / f"{table}.parquet")

    for rep in reports:
        rep.rows_written = written_per_file.get((rep.table, rep.path), 0)
        rep.rows_rejected = rejected_per_file.get((rep.table, rep.path), 0)
        if rep.rows_written + rep.rows_rejected != rep.rows_read:  # the promise of ingest
            raise AssertionError(f"row count does not reconcile for {rep.path}: {asdict(rep)}")

    currencies = check_currencies([asdict(r) for r in reports], config.settings["store"].get("currency", ""))
    fingerprint = hashlib.sha256(json.dumps({t: i["sha256"] for t, i in table_info.items()},
                                            sort_keys=True).encode()).hexdigest()
    elapsed = time.perf_counter() - started
    manifest = {
        "storebook_ingest_version": INGEST_VERSION,
        "run_tag": run_tag,
        "ingested_at": datetime.now(ZoneInfo(config.timezone)).isoformat(timespec="seconds"),
        "seconds": round(elapsed, 2),
        # Wall and CPU seconds per stage (hash, plan, parse with its workers, collect, checks,
        # count, write, write_rejected): where the time of a slow ingest went.
        "stages": stages.as_dict(),
        "fingerprint": fingerprint,
        "raw_fingerprint": _fingerprint(files, hashes) if len(files) < 5000 else run_tag,
        # The earliest rejected future date: once the clock passes it, the next ingest re-runs.
        "clock_until": min(future_until).isoformat() if future_until else None,
        "tables": table_info,
        # Tables derived from those above (storebook.engine.derived), and what they were derived from.
        "derived": derived_info,
        "files": [asdict(r) for r in reports],
        # Who the store is, as far as the data says (storebook.engine.identity reads it).
        "store": {**found_in_data(raw_root, platforms, [c for r in reports if (c := getattr(r, "currency", None))],
                                  _rows_stating(reports), regions),
                  **({"timezone": zone.zone, "timezone_found": zone.describe()} if zone else {})},
        # Files read only as lookups joined into other files' rows (left out when there are none).
        **({"lookups": lookups} if lookups else {}),
        # The currencies the files state, when they disagree or some state none (else left out).
        **({"currencies": currencies} if currencies else {}),
        # Files declared as not data, with why (left out when there are none).
        **({"not_read": [{"path": _label(f, config.root), "why": why} for f, why in not_read]} if not_read else {}),
    }
    (staging / "_ingest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    # Tables, rejected rows and manifest become visible together, in one step.
    repairs += generations.publish(processed, staging)
    return IngestReport(files=reports, tables=table_info, fingerprint=fingerprint, seconds=elapsed, repairs=repairs,
                        top_reasons=_top_reasons(all_rejected), notes=run_notes, lookups=lookups, currencies=currencies,
                        currency_inferred=identify(config, manifest).currency_inferred)


def _rows_stating(reports: list[FileReport]) -> dict[str, int]:
    """The rows stating each currency across the files (each file once: a file feeding two
    tables states its currencies once), for a store whose files state several."""
    rows: dict[str, int] = {}
    for stated in {r.path: r.currency_rows for r in reports if r.currency_rows}.values():
        for code, n in stated.items():
            rows[code] = rows.get(code, 0) + int(n)
    return rows


def _joined_into(sources, name: str) -> list[str]:  # noqa: ANN001 - a sources.Registry
    """The sources that join source ``name`` into their rows, with the tables they feed
    (``olist_products (products)``)."""
    return [f"{s.name} ({', '.join(getattr(s, 'tables', ()))})" for s in sources.sources
            if any(p.name == name for p in getattr(s, "partners", {}).values())]


def _top_reasons(all_rejected: list[pd.DataFrame], n: int = 3) -> list[tuple[str, str, int]]:
    """The ``n`` kinds of reason that rejected the most rows, with their table (the ingest
    summary): alike reasons count together (each superseded SKU is not a reason of its own)."""
    frames = [rej.assign(table=table) for table, rej in zip(schema.TABLES, all_rejected, strict=True) if len(rej)]
    if not frames:
        return []
    grouped = rejects.group_reasons(pd.concat(frames, ignore_index=True)).head(n)
    return [(str(t), str(r), int(k)) for t, r, k in grouped.itertuples(index=False)]


def _zone_note(zone: zones.FoundZone) -> Note:
    """The summary's note of the zone ingest chose from the exports' UTC offsets."""
    more = len(zone.files) - 3
    values = {"zone": zone.zone, "files": ", ".join(zone.files[:3]), "offsets": "/".join(zone.offsets)}
    return Note(f"times read in the zone the exports show, {zone.zone} ({zone.describe()}); "
                "to choose another, set [store] timezone in storebook.local.toml",
                "cli.ingest.note.zone.more" if more > 0 else "cli.ingest.note.zone", **values,
                **({"more": more} if more > 0 else {}))


# ----------------------------------------------------------------------------- the per-file phase

def _cache_name(path: Path, raw_root: Path, hashes: dict[Path, str], sources, key: bytes,  # noqa: ANN001
                timezone: str) -> str:
    """The parse cache's name for one file: a digest of its path, the definition of the
    source that reads it, its bytes and the bytes of the files that source joins to it.

    Content alone is not enough: two identical files in two folders may be read by two
    sources (a cached parse of one would stand in for the other), and a file's parse
    depends on its source's declaration and on the files it joins.
    """
    try:
        source = detect(path, raw_root, sources)
    except InputError:  # the parse reports it; nothing cached stands in for it
        source = None
    definition = getattr(source, "definition", None)
    vocab = json.dumps(getattr(sources, "vocab", None), sort_keys=True)  # what parse_frame accepts
    # The store's [store] country: the regions' country where a row names none (ZJ is 浙江 in China).
    parts = [INGEST_VERSION, ADAPTERS_VERSION, timezone, getattr(sources, "country", ""), vocab,
             hashlib.sha256(key).hexdigest(),
             path.relative_to(raw_root).as_posix(), getattr(source, "name", "<none>"),
             definition() if callable(definition) else "", hashes[path]]
    joined = getattr(source, "joined_files", None)
    if callable(joined):
        parts += [f"{f.relative_to(raw_root).as_posix()}:{hashes.get(f) or _sha256(f)}" for f in joined(path, raw_root)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _clock_moved_past(previous: dict, today: pd.Timestamp) -> bool:
    """Whether a row the last ingest rejected as future-dated is no longer in the future."""
    until = previous.get("clock_until")
    return until is not None and today >= pd.Timestamp(until)


def _apply_clock(valid_path: Path, table: str, today: pd.Timestamp, label: str, clock_dir: Path,
                 ) -> tuple[Path, int, pd.DataFrame | None, pd.Timestamp | None]:
    """Reject a cached part's rows dated after ``today``, at every run (never cached).

    Returns:
        (the part to use: the cached one, or a copy without the late rows in ``clock_dir``;
        its rows; the late rows' rejections or None; the earliest late date or None).
    """
    meta = pq.ParquetFile(valid_path).metadata
    columns = parsing.clock_columns(table)
    if not columns or not meta.num_rows or not _may_be_after(meta, columns, today):
        return valid_path, meta.num_rows, None, None
    frame = pd.read_parquet(valid_path).assign(**{SOURCE_FILE: label})
    late, first = parsing.future_rows(frame, table, today)
    if not late.any():
        return valid_path, meta.num_rows, None, None
    rejects = Rejects()
    kinds = {c.name: c.kind for c in schema.columns(table)}
    for column in first[late].unique():
        shown = frame[column].dt.strftime("%Y-%m-%d" if kinds[column] == "date" else "%Y-%m-%d %H:%M:%S")
        rejects.add(table, frame, first.eq(column), column, parsing.FUTURE_REASON.format(column=column), shown)
    earliest = min(frame.loc[frame[c] > today, c].min() for c in set(first[late]))
    kept = frame.loc[~late].drop(columns=[SOURCE_FILE]).reset_index(drop=True)
    clock_dir.mkdir(parents=True, exist_ok=True)
    out = clock_dir / valid_path.name
    kept.to_parquet(out, index=False)
    return out, len(kept), rejects.frame(), earliest


def _may_be_after(meta: pq.FileMetaData, columns: list[str], today: pd.Timestamp) -> bool:
    """Whether the Parquet statistics allow a value after ``today`` in ``columns`` (True when unsure)."""
    names = [meta.schema.column(i).name for i in range(meta.num_columns)]
    try:
        for g in range(meta.num_row_groups):
            group = meta.row_group(g)
            for name in columns:
                stats = group.column(names.index(name)).statistics
                if stats is None or not stats.has_min_max or pd.Timestamp(stats.max) > today:
                    return True
    except (ValueError, TypeError):
        return True
    return False


def _label(path: Path, root: Path) -> str:
    """How messages name a file: relative to the project when it lies inside it."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def read_rejected(config: Config | None = None, table: str | None = None) -> pd.DataFrame:
    """The rejected rows of the last ingest (all tables, or one), with their reasons."""
    config = config or Config.load()
    folder = generations.resolve(config.processed_dir).data / "_rejected"
    paths = sorted(folder.glob("*.parquet")) if table is None else [folder / f"{table}.parquet"]
    parts = [pd.read_parquet(p) for p in paths if p.is_file()]
    return pd.concat(parts, ignore_index=True) if parts else Rejects().frame()
