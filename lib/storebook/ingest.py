"""``storebook ingest``: data/raw → validated canonical Parquet in data/processed.

The steps, per raw file: detect its source adapter → read as text → parse each column
(a value that does not parse rejects its row, with the reason) → pseudonymise the customer
id and drop personal columns → check the schema's row rules. Then across files: duplicate
keys, then foreign keys in dependency order. Every row that fails goes to
``_rejected/<table>.parquet`` with file, row, column, value and reason, so that per file
rows read = rows written + rows rejected, which ``_ingest.json`` records.

Guarantees: raw files are only ever opened for reading; the same raw files (and key) give
byte-identical tables; a new set of tables replaces the old one only once it is complete,
and a table directory is swapped in by a rename, so a crash never leaves a half-written
table; a raw file whose bytes did not change is not parsed again (its parsed rows are
cached by content hash).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import hmac
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from storebook import schema
from storebook.config import Config
from storebook.errors import IngestError, InputError
from storebook.sources import PERSONAL_COLUMNS, SourceFrame, data_files, detect, registry

#: Bump when parsing or validation changes, so cached parses are not reused.
INGEST_VERSION = "2"
SOURCE_FILE = "_source_file"
SOURCE_ROW = "_source_row"
REJECTED_COLUMNS = ["table", "source_file", "source_row", "column", "value", "reason", "record"]

#: Dates that plan the future (a promotion, a promise, a target) rather than record a fact.
PLANNED_DATES = {"starts_on", "ends_on", "promised_on", "month_on", "valid_from", "valid_to", "launched_on"}
TRUE_WORDS = {"true", "1", "yes", "y", "t", "是"}
FALSE_WORDS = {"false", "0", "no", "n", "f", "否"}


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


@dataclass
class IngestReport:
    """The outcome of one ingest run; ``_ingest.json`` holds the same."""

    files: list[FileReport]
    tables: dict[str, dict]
    fingerprint: str
    seconds: float
    skipped: bool = False

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    def summary(self) -> str:
        if self.skipped:
            return f"ingest: raw files unchanged since the last ingest (fingerprint {self.fingerprint[:12]}); nothing to do."
        read = sum(f.rows_read for f in self.files)
        written = sum(f.rows_written for f in self.files)
        lines = [
            f"ingest: {len(self.files)} files, {read:,} rows read = {written:,} written + {self.rows_rejected:,} rejected "
            f"in {self.seconds:.1f} s (fingerprint {self.fingerprint[:12]})"
        ]
        for name, info in self.tables.items():
            rej = f", {info['rejected']:,} rejected" if info["rejected"] else ""
            lines.append(f"  {name:<18} {info['rows']:>10,} rows{rej}")
        if self.rows_rejected:
            lines.append("  rejected rows and their reasons: data/processed/_rejected/<table>.parquet "
                         "(`storebook rejected` lists them)")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- parsing

class _Rejects:
    """Collects rejected rows: (table, file, row, column, value, reason, record)."""

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []

    def add(self, table: str, frame: pd.DataFrame, mask: pd.Series, column: str,
            reason: str | pd.Series, values: pd.Series | None = None) -> None:
        if not mask.any():
            return
        rows = frame.loc[mask]
        vals = (values if values is not None else rows.get(column, pd.Series("", index=rows.index)))
        vals = vals.loc[mask] if len(vals) == len(frame) else vals
        reasons = reason.loc[mask] if isinstance(reason, pd.Series) else reason
        self.parts.append(pd.DataFrame({
            "table": table,
            "source_file": rows[SOURCE_FILE].astype(str).to_numpy(),
            "source_row": rows[SOURCE_ROW].astype("int64").to_numpy(),
            "column": column,
            "value": vals.astype(str).to_numpy(),
            "reason": reasons if isinstance(reasons, str) else reasons.astype(str).to_numpy(),
            "record": _records(rows),
        }))

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame({c: pd.Series(dtype="int64" if c == "source_row" else "str")
                                 for c in REJECTED_COLUMNS})
        return pd.concat(self.parts, ignore_index=True)


def _records(rows: pd.DataFrame) -> list[str]:
    """The contract columns of each rejected row as JSON (personal columns never reach here)."""
    cols = [c for c in rows.columns if not c.startswith("_")]
    text = rows[cols].astype(str).replace({"NaT": "", "nan": "", "<NA>": "", "None": ""})
    return [json.dumps(dict(zip(cols, r, strict=True)), ensure_ascii=False) for r in text.itertuples(index=False)]


def _isin(values: pd.Series, allowed: set | list) -> pd.Series:
    """``values.isin(allowed)`` through Arrow: pandas 3 loops in Python for string columns."""
    import pyarrow.compute as pc

    arr = pa_arrow.array(values, from_pandas=True)  # zero-copy for Arrow-backed strings
    found = pc.is_in(arr, value_set=pa_arrow.array(sorted(map(str, allowed)), type=arr.type))
    return pd.Series(found.fill_null(False).to_numpy(zero_copy_only=False), index=values.index)


def _parse_numbers(text: pd.Series) -> pd.Series:
    # Thousands separators and surrounding spaces are how spreadsheets write numbers.
    return pd.to_numeric(text.str.replace(",", "", regex=False).str.strip(), errors="coerce")


def _parse_column(table: str, spec: schema.ColumnSpec, text: pd.Series, frame: pd.DataFrame,
                  rejects: _Rejects, today: pd.Timestamp) -> tuple[pd.Series, pd.Series]:
    """Parse one text column; return (values, ok mask) and record the rows that fail."""
    text = text.astype(str).str.strip()
    empty = text.eq("") | _isin(text.str.lower(), {"nan", "null", "none", "<na>"})
    bad = pd.Series(False, index=text.index)
    if not spec.nullable:
        rejects.add(table, frame, empty, spec.name, f"column '{spec.name}' is empty; a value is required")
        bad |= empty
    if spec.kind == "str":
        return text.where(~empty, None).astype("str"), ~bad
    if spec.kind in {"int", "Int64", "float"}:
        values = _parse_numbers(text)
        unparsed = values.isna() & ~empty
        what = "a whole number" if spec.kind != "float" else "a number"
        rejects.add(table, frame, unparsed, spec.name, f"'{spec.name}' is not {what}", text)
        bad |= unparsed
        if spec.kind != "float":
            fractional = values.notna() & (values != values.round())
            rejects.add(table, frame, fractional & ~bad, spec.name, f"'{spec.name}' is not {what}", text)
            bad |= fractional
            values = values.where(~bad).round().astype("Int64")
            if spec.kind == "int":
                values = values.fillna(0).astype("int64")
        else:
            values = values.astype("float64")
        return values, ~bad
    if spec.kind == "bool":
        low = text.str.lower()
        values = _isin(low, TRUE_WORDS)
        unparsed = ~_isin(low, TRUE_WORDS | FALSE_WORDS) & ~empty
        rejects.add(table, frame, unparsed, spec.name, f"'{spec.name}' is not true/false", text)
        return values.astype(bool), ~(bad | unparsed)
    # timestamp or date
    values = pd.to_datetime(text.where(~empty, None), format="ISO8601", errors="coerce")
    unparsed = values.isna() & ~empty
    fmt = "YYYY-MM-DD" if spec.kind == "date" else "YYYY-MM-DD HH:MM:SS"
    rejects.add(table, frame, unparsed, spec.name, f"'{spec.name}' is not a date ({fmt})", text)
    bad |= unparsed
    if spec.kind == "date":
        values = values.dt.normalize()
    if spec.name not in PLANNED_DATES:
        future = values.notna() & (values > today)
        rejects.add(table, frame, future & ~bad, spec.name,
                    f"'{spec.name}' is in the future (after {today:%Y-%m-%d %H:%M})", text)
        bad |= future
    return values.astype("datetime64[us]"), ~bad


def _pseudonymise(values: pd.Series, platform: pd.Series | None, key: bytes) -> pd.Series:
    """Keyed hash of the customer account, per platform (accounts are per platform)."""
    raw = values.astype(str) if platform is None else platform.astype(str) + ":" + values.astype(str)
    raw = raw.where(values.notna())
    uniques = raw.dropna().unique()
    mapping = {u: "c_" + hmac.new(key, u.encode("utf-8"), hashlib.sha256).hexdigest()[:16] for u in uniques}
    return raw.map(mapping).astype("str")


def parse_frame(sf: SourceFrame, path_label: str, key: bytes, today: pd.Timestamp) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse and row-validate one file's frame; return (valid rows, rejected rows).

    The valid rows keep ``_source_file`` and ``_source_row`` for the cross-file checks.
    """
    table = sf.table
    frame = sf.frame.reset_index(drop=True).assign(
        **{SOURCE_FILE: path_label, SOURCE_ROW: sf.rows.to_numpy()}
    )
    if "customer_id" in frame.columns:
        # Hash the account before anything can copy it into a rejected record (a Shopify
        # customer is an e-mail address).
        text = frame["customer_id"].astype(str).str.strip()
        platform = frame["platform"].astype(str).str.strip() if "platform" in frame.columns else None
        frame["customer_id"] = _pseudonymise(text.where(text != ""), platform, key).fillna("")
    rejects = _Rejects()
    ok = pd.Series(True, index=frame.index)
    parsed = {}
    for spec in schema.columns(table):
        values, col_ok = _parse_column(table, spec, frame[spec.name], frame, rejects, today)
        parsed[spec.name] = values
        ok &= col_ok
    out = pd.DataFrame(parsed)
    out[SOURCE_FILE] = frame[SOURCE_FILE]
    out[SOURCE_ROW] = frame[SOURCE_ROW]
    # A row already rejected is reported once, for its first problem.
    first_pass = rejects.frame().drop_duplicates(["source_file", "source_row"])
    valid = out.loc[ok]
    schema_rejects = _schema_rejects(table, valid)
    bad_rows = set(schema_rejects["source_row"]) if len(schema_rejects) else set()
    valid = valid.loc[~valid[SOURCE_ROW].isin(bad_rows)]
    rejected = pd.concat([first_pass, schema_rejects], ignore_index=True)
    if sf.column_notes and len(rejected):  # the adapter's hint on what the column should hold
        hint = rejected["column"].map(sf.column_notes)
        rejected["reason"] = rejected["reason"].where(hint.isna(), rejected["reason"] + " (" + hint + ")")
    return valid.reset_index(drop=True), rejected


@functools.cache
def _row_rules(table: str) -> pa.DataFrameSchema:
    """The table's schema without its key check: keys are checked across all files later."""
    rules = copy.deepcopy(schema.TABLES[table].to_schema())
    rules.unique = None
    return rules


def _schema_rejects(table: str, valid: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``valid`` that break a schema check, one reason per row."""
    data = valid.drop(columns=[SOURCE_FILE, SOURCE_ROW])
    try:
        _row_rules(table).validate(data, lazy=True)
        return _Rejects().frame()
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    unplaced = cases[cases["index"].isna()]
    if len(unplaced):  # a dtype or column-level failure means parsing is wrong, not the data
        raise RuntimeError(f"{table}: schema failures without a row after parsing:\n{unplaced.to_string()}")
    cases = cases.copy()
    cases["index"] = cases["index"].astype("int64")
    # A row rule reports every column of the row: keep one line per row and check.
    cases = cases.drop_duplicates(["index", "check"]).drop_duplicates(["index"])
    rows = valid.loc[cases["index"].to_numpy()]
    column = cases["column"].where(cases["schema_context"] == "Column", "").astype(str).to_numpy()
    reason = [_reason(c, chk, val) for c, chk, val in
              zip(cases["schema_context"], cases["check"], cases["failure_case"], strict=True)]
    return pd.DataFrame({
        "table": table,
        "source_file": rows[SOURCE_FILE].astype(str).to_numpy(),
        "source_row": rows[SOURCE_ROW].astype("int64").to_numpy(),
        "column": column,
        "value": cases["failure_case"].astype(str).to_numpy(),
        "reason": reason,
        "record": _records(rows.drop(columns=[SOURCE_FILE, SOURCE_ROW])),
    })


def _reason(context: str, check: str, value: object) -> str:
    check = str(check)
    if isinstance(value, float) and value.is_integer():  # failure cases of int columns come back as floats
        value = int(value)
    if context != "Column":
        return f"breaks the rule {check}"
    if check.startswith("isin"):
        return f"'{value}' is not an accepted value ({check[len('isin('):-1]})"
    if check.startswith(("greater_than", "less_than", "in_range")):
        return f"{value} is out of range ({check.replace('_', ' ')})"
    return f"'{value}' fails {check}"


# ----------------------------------------------------------------------------- cross-file checks

def _drop_superseded(table: str, parts: list[pd.DataFrame], versions: list[tuple[str | None, list[str] | None]],
                     rejected: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Overlapping exports of one source: per record, keep the newest file's rows.

    A record (rows sharing ``supersede_by`` values) found in several versioned files is
    kept from the file with the greatest version (then the greatest name); its rows in
    the other files are rejected as superseded. Files without a version are left alone.
    """
    marked = [i for i, (v, by) in enumerate(versions) if v is not None and by and len(parts[i])]
    if len(marked) < 2:
        return parts
    by = versions[marked[0]][1]
    stacked = pd.concat([parts[i][by].assign(_part=i) for i in marked], ignore_index=True)
    rank = {i: r for r, i in enumerate(sorted(marked, key=lambda i: (versions[i][0], parts[i][SOURCE_FILE].iloc[0])))}
    stacked["_rank"] = stacked["_part"].map(rank)
    best_rank = stacked.groupby(by, sort=False)["_rank"].transform("max")
    winners = stacked.loc[stacked["_rank"] == best_rank].drop_duplicates(by).set_index(by)["_part"]
    out = list(parts)
    for i in marked:
        part = parts[i]
        idx = pd.MultiIndex.from_frame(part[by]) if len(by) > 1 else pd.Index(part[by[0]])
        best = pd.Series(winners.reindex(idx).to_numpy(), index=part.index)
        lost = best.ne(i)
        if not lost.any():
            continue
        rows = part.loc[lost]
        newer = best[lost].astype(int).map(lambda j: parts[j][SOURCE_FILE].iloc[0])
        rejected.append(pd.DataFrame({
            "table": table, "source_file": rows[SOURCE_FILE].to_numpy(), "source_row": rows[SOURCE_ROW].to_numpy(),
            "column": by[0], "value": rows[by[0]].astype(str).to_numpy(),
            "reason": [f"superseded: {by[0]}={k} is also in the newer export {n} (as of {versions[j][0]}); "
                       "the newest export wins"
                       for k, n, j in zip(rows[by[0]].astype(str), newer, best[lost].astype(int), strict=True)],
            "record": _records(rows.drop(columns=[SOURCE_FILE, SOURCE_ROW])),
        }))
        out[i] = part.loc[~lost]
    return out


def _drop_duplicate_keys(table: str, frame: pd.DataFrame, rejected: list[pd.DataFrame]) -> pd.DataFrame:
    keys = schema.key(table)
    dup = frame.duplicated(keys, keep="first")
    if not dup.any():
        return frame
    first = frame.loc[~frame.duplicated(keys, keep="first")].set_index(keys)[[SOURCE_FILE, SOURCE_ROW]]
    dups = frame.loc[dup]
    where = first.loc[pd.MultiIndex.from_frame(dups[keys]) if len(keys) > 1 else dups[keys[0]]]
    reason = [f"duplicate key ({', '.join(f'{k}={v}' for k, v in zip(keys, kv, strict=True))}); first seen in {f} row {r}"
              for kv, f, r in zip(dups[keys].astype(str).itertuples(index=False), where[SOURCE_FILE], where[SOURCE_ROW], strict=True)]
    rejected.append(pd.DataFrame({
        "table": table, "source_file": dups[SOURCE_FILE].to_numpy(), "source_row": dups[SOURCE_ROW].to_numpy(),
        "column": keys[0], "value": dups[keys[0]].astype(str).to_numpy(), "reason": reason,
        "record": _records(dups.drop(columns=[SOURCE_FILE, SOURCE_ROW])),
    }))
    return frame.loc[~dup]


def _check_foreign_keys(tables: dict[str, pd.DataFrame], rejected: dict[str, list[pd.DataFrame]]) -> None:
    for fk in schema.FOREIGN_KEYS:
        child = tables.get(fk.table)
        if child is None or child.empty:
            continue
        parent = tables.get(fk.ref_table)
        known = set(parent[fk.ref_column].dropna()) if parent is not None else set()
        values = child[fk.column]
        orphan = values.notna() & ~_isin(values, known)
        if not orphan.any():
            continue
        rows = child.loc[orphan]
        rejected[fk.table].append(pd.DataFrame({
            "table": fk.table, "source_file": rows[SOURCE_FILE].to_numpy(), "source_row": rows[SOURCE_ROW].to_numpy(),
            "column": fk.column, "value": rows[fk.column].astype(str).to_numpy(),
            "reason": f"'{fk.column}' has no match in {fk.ref_table}.{fk.ref_column}",
            "record": _records(rows.drop(columns=[SOURCE_FILE, SOURCE_ROW])),
        }))
        tables[fk.table] = child.loc[~orphan]


# ----------------------------------------------------------------------------- writing

def _arrow_table(table: str, frame: pd.DataFrame) -> pa_arrow.Table:
    """The canonical Arrow types: dates as date32, timestamps in microseconds."""
    specs = schema.columns(table)
    arrays, fields = [], []
    for spec in specs:
        col = frame[spec.name]
        if spec.kind == "date":
            arr = pa_arrow.array(col.dt.date if len(col) else [], type=pa_arrow.date32(), from_pandas=True)
        elif spec.kind == "timestamp":
            arr = pa_arrow.array(col, type=pa_arrow.timestamp("us"), from_pandas=True)
        elif spec.kind in {"int", "Int64"}:
            arr = pa_arrow.array(col, type=pa_arrow.int64(), from_pandas=True)
        elif spec.kind == "float":
            arr = pa_arrow.array(col.astype("float64"), type=pa_arrow.float64(), from_pandas=True)
        elif spec.kind == "bool":
            arr = pa_arrow.array(col, type=pa_arrow.bool_(), from_pandas=True)
        else:
            arr = pa_arrow.array(col, type=pa_arrow.string(), from_pandas=True)
        arrays.append(arr)
        fields.append(pa_arrow.field(spec.name, arr.type, nullable=spec.nullable))
    return pa_arrow.Table.from_arrays(arrays, schema=pa_arrow.schema(fields))


def _write_parquet(table: pa_arrow.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Fixed writer settings and no pandas metadata: same rows → same bytes.
    pq.write_table(table, path, compression="zstd", row_group_size=1_000_000, write_statistics=True)


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _swap_in(staging: Path, processed: Path, names: list[str]) -> None:
    """Move each staged entry over its old version by rename: never half a table."""
    trash = processed / ".trash"
    shutil.rmtree(trash, ignore_errors=True)
    trash.mkdir(parents=True)
    for name in names:
        new, old = staging / name, processed / name
        if old.exists():
            old.rename(trash / name)
        new.rename(old)
    shutil.rmtree(trash, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


# ----------------------------------------------------------------------------- the run

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:  # read-only: raw files are never changed
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest(config: Config | None = None, *, force: bool = False,
           progress: Callable[[str], None] | None = None, now: datetime | None = None) -> IngestReport:
    """Ingest every raw file into data/processed.

    Args:
        config: the workbook configuration (found from the current folder when omitted).
        force: re-parse every file and rewrite every table even if nothing changed.
        progress: called with a short status line per file (the CLI shows a bar).
        now: the moment that separates past from future dates (default: now, store time).
    Returns:
        What was read, written and rejected, per file and per table.
    Raises:
        IngestError: a file cannot be read at all (unknown, empty, undecodable, missing
            a required column); nothing in data/processed changes.
    """
    config = config or Config.load()
    started = time.perf_counter()
    raw_root, processed = config.raw_dir, config.processed_dir
    files = data_files(raw_root) if raw_root.is_dir() else []
    if not files:
        raise IngestError([InputError(raw_root, "no raw files found", expected="exports under data/raw/<table>/",
                                      todo="run `storebook sample` for the sample store, or copy your exports there")])
    key = config.hash_key()
    try:  # the adapters, with the custom sources declared in storebook.sources.yaml
        sources = registry(config)
    except InputError as exc:
        raise IngestError([exc]) from exc
    # What changes how a file is read (time zone, declarations) invalidates cached parses.
    key_tag = hashlib.sha256(key + sources.tag.encode()).hexdigest()[:12]
    hashes = {p: _sha256(p) for p in files}
    run_tag = hashlib.sha256((INGEST_VERSION + key_tag + "".join(
        f"{p.relative_to(raw_root)}:{h}" for p, h in hashes.items())).encode()).hexdigest()
    previous = _read_json(processed / "_ingest.json")
    if not force and previous.get("run_tag") == run_tag:
        return IngestReport(files=[FileReport(**f) for f in previous["files"]], tables=previous["tables"],
                            fingerprint=previous["fingerprint"], seconds=time.perf_counter() - started, skipped=True)

    now = now or datetime.now(ZoneInfo(config.timezone))
    if now.tzinfo is not None:  # compare in store wall-clock time, like the data
        now = now.astimezone(ZoneInfo(config.timezone)).replace(tzinfo=None)
    today = pd.Timestamp(now)
    cache_dir = processed / "_cache"
    problems: list[InputError] = []
    reports: list[FileReport] = []
    valid_parts: dict[str, list[pd.DataFrame]] = {t: [] for t in schema.TABLES}
    part_versions: dict[str, list[tuple[str | None, list[str] | None]]] = {t: [] for t in schema.TABLES}
    rejected: dict[str, list[pd.DataFrame]] = {t: [] for t in schema.TABLES}
    for i, path in enumerate(files, 1):
        label = _label(path, config.root)
        if progress:
            progress(f"[{i}/{len(files)}] {label}")
        t0 = time.perf_counter()
        cache_base = cache_dir / f"{hashes[path][:32]}-{INGEST_VERSION}-{key_tag}"
        try:
            if not force and (cache_base.with_suffix(".json")).is_file():
                meta = _read_json(cache_base.with_suffix(".json"))
                frames = [(t, pd.read_parquet(cache_base.parent / f"{cache_base.name}.{t}.parquet"),
                           pd.read_parquet(cache_base.parent / f"{cache_base.name}.{t}.rejected.parquet"))
                          for t in meta["tables"]]
                source_name, encoding, dropped, cached = meta["source"], meta["encoding"], meta["dropped"], True
                extras = {t: tuple(e) for t, e in meta.get("extras", {}).items()}
            else:
                source = detect(path, raw_root, sources)
                frames, dropped, encoding, extras = [], [], "", {}
                for sf in source.read(path, raw_root):
                    valid, rej = parse_frame(sf, label, key, today)
                    frames.append((sf.table, valid, rej))
                    dropped, encoding = sf.dropped_columns, sf.encoding
                    extras[sf.table] = (sf.notes, sf.version, sf.supersede_by)
                source_name, cached = source.name, False
                _write_cache(cache_base, frames, source_name, encoding, dropped, extras)
        except InputError as exc:
            problems.append(exc)
            continue
        for table, valid, rej in frames:
            valid[SOURCE_FILE] = label  # the cache may come from a file since renamed
            rej = rej.assign(source_file=label)
            valid_parts[table].append(valid)
            rejected[table].append(rej)
            notes, version, supersede_by = extras.get(table, ([], None, None))
            part_versions[table].append((version, supersede_by or schema.key(table)) if version else (None, None))
            reports.append(FileReport(
                path=label, source=source_name, table=table, sha256=hashes[path], encoding=encoding,
                rows_read=len(valid) + len(rej), seconds=round(time.perf_counter() - t0, 3), cached=cached,
                dropped_columns=[c for c in dropped if c not in PERSONAL_COLUMNS] + (
                    ["<personal data>"] if any(c in PERSONAL_COLUMNS for c in dropped) else []),
                notes=list(notes),
            ))
    if problems:
        raise IngestError(problems)

    tables: dict[str, pd.DataFrame] = {}
    for table in schema.TABLES:
        parts = _drop_superseded(table, valid_parts[table], part_versions[table], rejected[table])
        parts = [p for p in parts if len(p)]
        if not parts:
            continue
        frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        tables[table] = _drop_duplicate_keys(table, frame, rejected[table])
    _check_foreign_keys(tables, rejected)

    staging = processed / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    table_info: dict[str, dict] = {}
    written_per_file: dict[tuple[str, str], int] = {}
    rejected_per_file: dict[tuple[str, str], int] = {}
    all_rejected = []
    for table in schema.TABLES:
        frame = tables.get(table)
        rej = pd.concat(rejected[table], ignore_index=True) if rejected[table] else _Rejects().frame()
        all_rejected.append(rej)
        for f, n in rej.groupby("source_file").size().items():
            rejected_per_file[(table, f)] = int(n)
        if frame is None:
            continue
        for f, n in frame.groupby(SOURCE_FILE).size().items():
            written_per_file[(table, f)] = int(n)
        out = frame.sort_values(schema.key(table), kind="stable").reset_index(drop=True)
        arrow = _arrow_table(table, out)
        _write_parquet(arrow, staging / table / "part-0.parquet")
        table_info[table] = {
            "rows": len(out),
            "rejected": len(rej),
            "columns": [c.name for c in schema.columns(table)],
            "sha256": hashlib.sha256((staging / table / "part-0.parquet").read_bytes()).hexdigest(),
        }
    (staging / "_rejected").mkdir(parents=True, exist_ok=True)
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

    fingerprint = hashlib.sha256(json.dumps({t: i["sha256"] for t, i in table_info.items()},
                                            sort_keys=True).encode()).hexdigest()
    elapsed = time.perf_counter() - started
    manifest = {
        "storebook_ingest_version": INGEST_VERSION,
        "run_tag": run_tag,
        "ingested_at": datetime.now(ZoneInfo(config.timezone)).isoformat(timespec="seconds"),
        "seconds": round(elapsed, 2),
        "fingerprint": fingerprint,
        "raw_fingerprint": _fingerprint(files) if len(files) < 5000 else run_tag,
        "tables": table_info,
        "files": [asdict(r) for r in reports],
    }
    (staging / "_ingest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    names = [*table_info, "_rejected", "_ingest.json"]
    # Tables that no longer have any rows must not linger from an older ingest.
    for table in schema.TABLES:
        if table not in table_info and (processed / table).exists():
            shutil.rmtree(processed / table)
    _swap_in(staging, processed, names)
    return IngestReport(files=reports, tables=table_info, fingerprint=fingerprint, seconds=elapsed)


def _label(path: Path, root: Path) -> str:
    """How messages name a file: relative to the project when it lies inside it."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _write_cache(base: Path, frames: list, source: str, encoding: str, dropped: list[str],
                 extras: dict | None = None) -> None:
    base.parent.mkdir(parents=True, exist_ok=True)
    for table, valid, rej in frames:
        valid.to_parquet(base.parent / f"{base.name}.{table}.parquet", index=False)
        rej.to_parquet(base.parent / f"{base.name}.{table}.rejected.parquet", index=False)
    meta = {"tables": [t for t, _, _ in frames], "source": source, "encoding": encoding, "dropped": dropped,
            "extras": extras or {}}
    tmp = base.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, base.with_suffix(".json"))


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def read_rejected(config: Config | None = None, table: str | None = None) -> pd.DataFrame:
    """The rejected rows of the last ingest (all tables, or one), with their reasons."""
    config = config or Config.load()
    folder = config.processed_dir / "_rejected"
    paths = sorted(folder.glob("*.parquet")) if table is None else [folder / f"{table}.parquet"]
    parts = [pd.read_parquet(p) for p in paths if p.is_file()]
    return pd.concat(parts, ignore_index=True) if parts else _Rejects().frame()
