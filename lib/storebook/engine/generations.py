"""Generations of data/processed: every set of tables an ingest writes becomes visible in one step.

The layout ``storebook ingest`` writes (docs/storage.md)::

    data/processed/
      _current.json            {"generation": "000012", "previous": "000011"}
      _generations/000012/     the current tables: <table>/part-0.parquet, _rejected/, _derived/, _ingest.json
      _generations/000011/     the previous ones, kept for readers that opened them
      _cache/                  parsed raw files by content hash (shared by every run)
      .ingest.lock             held by the running ingest (storebook.engine.locks)

An ingest writes a whole generation into ``_generations/<n>.partial``, renames it to
``_generations/<n>`` once complete, and then replaces ``_current.json`` with
``os.replace``: that one replacement is the switch, so readers see the old tables or the
new ones, never a mix, and a generation's ``_ingest.json`` always describes its own tables.
A run stopped anywhere leaves at worst an unfinished generation nobody points at, which
the next run removes (:func:`clean`); older generations than the previous one go too.

A folder (or lake URI) without ``_current.json`` is read as the flat layout
``<table>/*.parquet`` + ``_ingest.json`` — a store written by an older storebook, or a
generation folder copied on its own to a lake. :func:`resolve` is the one place that
decides which folder holds the tables; every reader goes through it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from storebook.engine import locks, schema
from storebook.errors import NoDataError, StorebookError

POINTER = "_current.json"
GENERATIONS = "_generations"
PARTIAL = ".partial"
MANIFEST = "_ingest.json"
REJECTED = "_rejected"
#: The folder of the tables ingest derives from the canonical ones (storebook.engine.derived).
DERIVED = "_derived"
#: What the flat layout of an older storebook held at the top of data/processed (with the
#: folders its swap left behind when stopped): removed once a generation is current.
FLAT_ENTRIES = (*schema.TABLE_NAMES, REJECTED, DERIVED, MANIFEST, ".trash", ".staging")
_NAME = re.compile(r"^\d{6,}$")


# ----------------------------------------------------------------------------- reading

def is_lake_uri(location: str | Path) -> bool:
    """Whether a processed-data location is a URI (``s3a://bucket/processed``, ``file:///…``)."""
    return isinstance(location, str) and "://" in location


#: Lake URI schemes Spark spells differently from Arrow (Hadoop's s3a/s3n are Arrow's s3).
_ARROW_SCHEMES = {"s3a": "s3", "s3n": "s3"}


def lake_fs(uri: str):  # noqa: ANN201 - (pyarrow FileSystem, path) or None
    """An Arrow filesystem to look inside a lake URI, or None where Arrow cannot reach it.

    Only for looking (which tables exist, the pointer, the ingest manifest): the engine
    itself reads the Parquet. A lake Arrow cannot open here (an unsupported scheme, no
    credentials on this machine) is taken on trust, and the engine's own read reports
    what is wrong.
    """
    import pyarrow.fs

    scheme, _, rest = uri.partition("://")
    try:
        return pyarrow.fs.FileSystem.from_uri(f"{_ARROW_SCHEMES.get(scheme, scheme)}://{rest}")
    except Exception:  # noqa: BLE001 - any failure means "cannot look", never "no data"
        return None


def read_lake_text(uri: str) -> str | None:
    """The text of a small file under a lake URI; None when it is absent or cannot be read here."""
    found = lake_fs(uri)
    if found is None:
        return None
    fs, path = found
    try:
        with fs.open_input_stream(path) as stream:
            return stream.read().decode("utf-8")
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class Location:
    """Where a workbook's tables are.

    Attributes:
        root: the processed location as given (a folder, or a lake URI without trailing /).
        data: the folder (or URI) that holds ``<table>/``, ``_rejected/`` and ``_ingest.json``:
            the current generation, or ``root`` itself in the flat layout.
        generation: the generation's name (``000012``); None in the flat layout.
    """

    root: Path | str
    data: Path | str
    generation: str | None = None

    def path(self, name: str) -> Path | str:
        """A table folder or file of this location: a Path, or a URI under the lake."""
        if isinstance(self.data, str):
            return f"{self.data}/{name}"
        return self.data / name


def _parse_pointer(text: str, where: str) -> dict:
    try:
        pointer = json.loads(text)
        name = pointer["generation"]
    except (ValueError, KeyError, TypeError):
        pointer, name = {}, None
    if not isinstance(name, str) or not _NAME.match(name):  # never a path out of the folder
        raise NoDataError(f"{where} does not name a generation of the processed data: "
                          "run `storebook ingest` to rebuild it (raw files are not touched)",
                          key="no_data.generation_pointer", values={"where": where})
    previous = pointer.get("previous")
    return {"generation": name, "previous": previous if isinstance(previous, str) and _NAME.match(previous) else None}


def resolve(location: Path | str, read_text: Callable[[str], str | None] | None = None) -> Location:
    """The folder holding the tables of a processed location: its current generation, or itself.

    Args:
        location: data/processed (or any folder ingest wrote), a generation folder, a folder
            in the flat layout, or a lake URI holding either.
        read_text: reads a small file under a lake URI (None when absent); default through
            Arrow. The Spark backend passes its own where Arrow cannot reach the lake.
    Returns:
        The :class:`Location`.
    Raises:
        NoDataError: ``_current.json`` is unreadable or names a generation that is missing
            (only a hand-made change does that); the message says to run ``storebook ingest``.
    """
    if is_lake_uri(location):
        uri = str(location).rstrip("/")
        text = (read_text or read_lake_text)(f"{uri}/{POINTER}")
        if text is None:
            return Location(uri, uri)
        name = _parse_pointer(text, f"{uri}/{POINTER}")["generation"]
        return Location(uri, f"{uri}/{GENERATIONS}/{name}", name)
    root = Path(location)
    try:
        text = (root / POINTER).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return Location(root, root)
    name = _parse_pointer(text, str(root / POINTER))["generation"]
    data = root / GENERATIONS / name
    if not data.is_dir():
        raise NoDataError(f"{root / POINTER} names generation {name}, which is missing from {root / GENERATIONS}: "
                          "run `storebook ingest` to rebuild the processed data (raw files are not touched)",
                          key="no_data.generation_missing",
                          values={"pointer": str(root / POINTER), "name": name, "folder": str(root / GENERATIONS)})
    return Location(root, data, name)


def read_manifest(location: Location) -> dict:
    """The ``_ingest.json`` of a location's tables ({} when there is none)."""
    target = location.path(MANIFEST)
    try:
        text = read_lake_text(target) if isinstance(target, str) else target.read_text(encoding="utf-8")
        return json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}


def verify(data: Path, *, checksums: bool = False) -> list[str]:
    """Whether the tables in a folder are those its ``_ingest.json`` describes.

    Checks that every table the manifest lists is there with its number of rows (read from
    the Parquet footers, which is cheap), that no other canonical table is there, and that
    the rejected rows add up to the files' counts; with ``checksums``, also each table's
    SHA-256 and the fingerprint over them.

    Args:
        data: a generation folder, or a folder in the flat layout.
        checksums: also hash every table (reads every byte).
    Returns:
        The disagreements, one sentence each; empty when tables and manifest agree.
    """
    import hashlib

    import pyarrow.parquet as pq

    try:
        manifest = json.loads((data / MANIFEST).read_text(encoding="utf-8"))
        tables = manifest["tables"]
    except (OSError, ValueError, KeyError, TypeError):
        return [f"{data / MANIFEST} is missing or unreadable"]
    problems = []
    for name in schema.TABLE_NAMES:
        folder = data / name
        if name not in tables:
            if folder.exists():
                problems.append(f"table {name} is in {data} but not in its {MANIFEST}")
            continue
        files = sorted(folder.glob("*.parquet"))
        if not files:
            problems.append(f"table {name} is missing from {data}")
            continue
        try:
            rows = sum(pq.ParquetFile(p).metadata.num_rows for p in files)
        except Exception as exc:  # noqa: BLE001 - any unreadable footer is a disagreement
            problems.append(f"table {name} cannot be read ({type(exc).__name__}: {exc})")
            continue
        if rows != tables[name].get("rows"):
            problems.append(f"table {name} holds {rows} rows where {MANIFEST} says {tables[name].get('rows')}")
        elif checksums and len(files) == 1 and _sha256(files[0]) != tables[name].get("sha256"):
            problems.append(f"table {name} is not the file {MANIFEST} describes (SHA-256 differs)")
    for name, info in (manifest.get("derived") or {}).items():
        files = sorted((data / DERIVED / name).glob("*.parquet"))
        try:
            rows = sum(pq.ParquetFile(p).metadata.num_rows for p in files) if files else None
        except Exception as exc:  # noqa: BLE001 - any unreadable footer is a disagreement
            problems.append(f"derived table {name} cannot be read ({type(exc).__name__}: {exc})")
            continue
        if rows is None:
            problems.append(f"derived table {name} is missing from {data}")
        elif rows != info.get("rows"):
            problems.append(f"derived table {name} holds {rows} rows where {MANIFEST} says {info.get('rows')}")
    if checksums and not problems:
        fingerprint = hashlib.sha256(json.dumps({t: i["sha256"] for t, i in tables.items()},
                                                sort_keys=True).encode()).hexdigest()
        if fingerprint != manifest.get("fingerprint"):
            problems.append(f"the fingerprint in {MANIFEST} is not that of its tables")
    rejected_files = sorted((data / REJECTED).glob("*.parquet"))
    try:
        rejected = sum(pq.ParquetFile(p).metadata.num_rows for p in rejected_files)
    except Exception:  # noqa: BLE001
        rejected = -1
    expected = sum(int(f.get("rows_rejected", 0)) for f in manifest.get("files", []))
    if rejected != expected:
        problems.append(f"{REJECTED}/ holds {rejected} rows where the files in {MANIFEST} rejected {expected}")
    return problems


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ----------------------------------------------------------------------------- writing
# Only ingest writes, and only while it holds the store's lock (storebook.engine.locks).

def _read_pointer(processed: Path) -> dict | None:
    try:
        return _parse_pointer((processed / POINTER).read_text(encoding="utf-8"), str(processed / POINTER))
    except (OSError, NoDataError):
        return None


def owner(folder: Path) -> Path | None:
    """The processed folder that ``folder`` is a generation of; None when it is not one."""
    return folder.parent.parent if folder.parent.name == GENERATIONS and _NAME.match(folder.name) else None


def check_writable(processed: Path) -> None:
    """Refuse to write generations into a generation (a processed location set to one).

    Args:
        processed: the folder ingest is about to write to.
    Raises:
        StorebookError: ``processed`` is a generation of another store's processed folder;
            ingesting there would replace that store's current tables.
    """
    parent = owner(processed)
    if parent is not None:
        raise StorebookError(
            f"{processed} is a generation of the processed data in {parent}, which only that "
            f"folder's ingest writes: set the processed path (STOREBOOK_PROCESSED or [paths] processed) to "
            f"{parent} itself, or to a folder of its own",
            key="error.generation.inside", values={"processed": str(processed), "parent": str(parent)},
        )


def begin(processed: Path) -> Path:
    """A new, empty generation folder to write into (``_generations/<n>.partial``).

    Args:
        processed: the processed folder.
    Returns:
        The folder; nothing reads it until :func:`publish`.
    """
    folder = processed / GENERATIONS
    folder.mkdir(parents=True, exist_ok=True)
    used = [int(m.group()) for p in folder.iterdir() if (m := re.match(r"^\d+", p.name))]
    pointer = _read_pointer(processed)
    if pointer:
        used.append(int(pointer["generation"]))
    staging = folder / f"{max(used, default=0) + 1:06d}{PARTIAL}"
    staging.mkdir()
    return staging


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk, so that a power cut cannot publish what is not written."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some filesystems cannot fsync a folder; the rename order still holds
        pass
    finally:
        os.close(fd)


def publish(processed: Path, staging: Path) -> list[str]:
    """Make a complete generation the current one, in one step, then remove what is stale.

    Args:
        processed: the processed folder.
        staging: the folder from :func:`begin`, holding every table, ``_rejected/`` and
            ``_ingest.json``.
    Returns:
        What the clean-up after the switch repaired (see :func:`clean`).
    """
    locks.reached("staged")
    for path in sorted(staging.rglob("*"), reverse=True):
        _fsync(path)
    _fsync(staging)
    final = staging.with_name(staging.name.removesuffix(PARTIAL))
    staging.rename(final)
    _fsync(final.parent)
    locks.reached("generation-renamed")
    old = _read_pointer(processed)
    previous = old["generation"] if old and (processed / GENERATIONS / old["generation"]).is_dir() else None
    tmp = processed / f"{POINTER}.{os.getpid()}.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"generation": final.name, "previous": previous}) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    locks.reached("pointer-written")
    os.replace(tmp, processed / POINTER)  # the switch: readers now resolve to the new generation
    _fsync(processed)
    locks.reached("published")
    return clean(processed)


def clean(processed: Path) -> list[str]:
    """Remove what no reader can reach: unfinished generations, generations older than the
    previous one, a stray pointer file, and (once a generation is current) the flat
    layout of an older storebook with the folders its swap left when stopped.

    Args:
        processed: the processed folder (its lock held).
    Returns:
        What was repaired, one sentence each (the removal of a superseded generation is
        routine and not listed).
    """
    notes = []
    for tmp in processed.glob(f"{POINTER}.*.tmp"):
        tmp.unlink(missing_ok=True)
        notes.append(f"removed {tmp.name}, the pointer of a run stopped before its switch")
    pointer = _read_pointer(processed)
    keep = {pointer["generation"], pointer["previous"]} if pointer else set()
    folder = processed / GENERATIONS
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if entry.name in keep:
            continue
        if entry.name.endswith(PARTIAL):
            notes.append(f"removed {GENERATIONS}/{entry.name}, left unfinished by a stopped run")
        elif not pointer or not _NAME.match(entry.name) or int(entry.name) > int(pointer["generation"]):
            notes.append(f"removed {GENERATIONS}/{entry.name}, written by a stopped run but never published")
        _remove(entry)
        locks.reached("removed-old")
    if pointer and (folder / pointer["generation"]).is_dir():
        flat = [name for name in FLAT_ENTRIES if (processed / name).exists()]
        if ".trash" in flat or ".staging" in flat:
            notes.append("removed the tables an older storebook left half swapped (.trash, .staging)")
        for name in flat:
            _remove(processed / name)
    return notes


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
