"""How the sample's exports are written: exact text for money, dates and times, a table as
numpy columns, and writers whose bytes depend on nothing but the values.

Every value reaches a file as text or an integer formatted here (never a float printed by
a library), CSVs are written with the csv module (minimal quoting, ``\\n`` line ends) and the
products workbook gets fixed zip and document stamps: the same store gives byte-identical
files on any machine.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

_FRAC = np.array([f".{i:02d}" for i in range(100)])
_HMS: list[np.ndarray] = []  # " HH:MM:SS" for each second of a day, built on first use


def format_money(cents: np.ndarray) -> np.ndarray:
    """Cents (int, ≥ 0) → ``"123.45"``: exact to the cent, always two decimals.

    Args:
        cents: amounts in integer cents, none negative.
    Returns:
        The amounts as text in yuan, e.g. ``12345`` → ``"123.45"``.
    """
    c = np.asarray(cents, dtype=np.int64)
    if c.size and c.min() < 0:
        raise ValueError("negative money amount")
    return np.strings.add((c // 100).astype("U"), _FRAC[c % 100])


def format_bools(values: np.ndarray) -> np.ndarray:
    """Booleans → ``"true"`` / ``"false"``, as the contract writes them."""
    return np.where(np.asarray(values, dtype=bool), "true", "false")


def format_dates(days: np.ndarray) -> np.ndarray:
    """Dates → ``YYYY-MM-DD`` (formatted once per distinct day, which keeps a year of rows fast)."""
    d = np.asarray(days, dtype="datetime64[D]")
    u, inv = np.unique(d, return_inverse=True)
    return np.datetime_as_string(u, unit="D")[inv.reshape(-1)]


def format_timestamps(ts: np.ndarray) -> np.ndarray:
    """Timestamps (seconds) → ``YYYY-MM-DD HH:MM:SS``; NaT (never shipped, never resolved …) → empty."""
    ts = np.asarray(ts, dtype="datetime64[s]")
    nat = np.isnat(ts)
    sec = np.where(nat, 0, ts.astype(np.int64))
    if not _HMS:
        h = np.arange(86400)
        _HMS.append(np.array([f" {x // 3600:02d}:{x // 60 % 60:02d}:{x % 60:02d}" for x in h.tolist()]))
    day = sec // 86400
    u, inv = np.unique(day, return_inverse=True)
    text = np.strings.add(np.datetime_as_string(u.astype("datetime64[D]"), unit="D")[inv.reshape(-1)], _HMS[0][sec % 86400])
    return np.where(nat, "", text)


class Columns(dict):
    """A table as named numpy columns: a small, fast stand-in for a DataFrame."""

    def take(self, idx: np.ndarray) -> Columns:
        """The rows at ``idx`` (positions or a mask), in that order."""
        return Columns({k: np.asarray(v)[idx] for k, v in self.items()})

    @property
    def n(self) -> int:
        """The number of rows."""
        return len(next(iter(self.values()))) if self else 0

    @staticmethod
    def concat(parts: list[Columns]) -> Columns:
        """The rows of ``parts`` one after the other (the columns of the first part)."""
        return Columns({k: np.concatenate([np.asarray(p[k]) for p in parts]) for k in parts[0]})


#: Rows formatted and written at a time: a month's file is never held whole as text.
CHUNK_ROWS = 65_536


def write_csv(cols: Columns | pd.DataFrame, path: Path, *, mode: str = "w", header: bool = True,
              encoding: str = "utf-8", bom: bool = False) -> int:
    """Write (or append) a table with the csv module: minimal quoting, ``\\n`` line ends.

    Values must already be text or integers (money via :func:`format_money`, times via
    :func:`format_timestamps`), so the bytes never depend on float formatting. The rows are
    written :data:`CHUNK_ROWS` at a time (:func:`write_csv_chunks`).

    Args:
        cols: the table.
        path: the file; its folder is created.
        mode: ``"w"`` to write, ``"a"`` to append.
        header: write the column names first.
        encoding: the file's encoding (the competitor tool exports GBK).
        bom: start a written (not appended) file with a UTF-8 byte-order mark.
    Returns:
        The number of rows written.
    Raises:
        TypeError: a column holds floats.
    """
    if isinstance(cols, pd.DataFrame):
        cols = Columns({c: cols[c].to_numpy() for c in cols.columns})
    cols = Columns({k: np.asarray(v) for k, v in cols.items()})
    n = cols.n
    parts = (Columns({k: v[a:a + CHUNK_ROWS] for k, v in cols.items()}) for a in range(0, max(n, 1), CHUNK_ROWS))
    return write_csv_chunks(parts, path, mode=mode, header=header, encoding=encoding, bom=bom)


def write_csv_chunks(parts: Iterable[Columns], path: Path, *, mode: str = "w", header: bool = True,
                     encoding: str = "utf-8", bom: bool = False) -> int:
    """Write (or append) a table given as consecutive parts, each formatted only when its
    turn comes: the bytes are those :func:`write_csv` writes for the parts' rows together.

    Args:
        parts: the table's rows in order, as tables with the same columns; the first part
            (which may have no rows) names the columns.
        path, mode, header, encoding, bom: as for :func:`write_csv`.
    Returns:
        The number of rows written.
    Raises:
        TypeError: a column holds floats.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open(mode + "b") as fh:
        for i, part in enumerate(parts):
            for name, values in part.items():
                if np.asarray(values).dtype.kind == "f":
                    raise TypeError(f"column {name!r} is float: format it before writing")
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            if header and i == 0:
                writer.writerow(list(part))
            writer.writerows(zip(*[np.asarray(v).tolist() for v in part.values()], strict=True))
            data = buf.getvalue().encode(encoding)
            if bom and mode == "w" and i == 0:
                data = b"\xef\xbb\xbf" + data
            fh.write(data)
            n += part.n
    return n


def fix_xlsx_stamps(data: bytes, stamp: date) -> bytes:
    """Rewrite an openpyxl workbook with fixed zip timestamps and document dates.

    Args:
        data: the workbook's bytes as openpyxl saved them.
        stamp: the date written as the document's created and modified date.
    Returns:
        The same workbook, whose bytes no longer depend on when it was written.
    """
    fixed = f"{stamp.isoformat()}T00:00:00Z"
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", lambda m: m.group(1) + fixed.encode() + m.group(3), body)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, body)
    return out.getvalue()


def to_jsonable(obj: object) -> object:
    """``obj`` with numpy numbers and arrays turned into plain ones, floats rounded to 6
    decimals and keys made text, for ``json.dumps`` (``_truth.json``)."""
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return round(float(obj), 6)
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, np.ndarray):
        return [to_jsonable(v) for v in obj.tolist()]
    return obj
