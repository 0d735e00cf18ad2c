"""Reading raw export files into frames of strings, whatever their encoding.

Exports arrive as CSV in UTF-8, UTF-8 with a BOM or GBK/GB18030, or as XLSX/XLS. The
encoding is detected from the bytes, never assumed; every value is read as text so that
parsing (and its error messages) happens in one place, in ingest.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from storebook.errors import InputError

TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
# GB18030 is a superset of GBK and GB2312: one attempt covers all three.
ENCODINGS = ("utf-8", "gb18030")


@dataclass
class RawFrame:
    """A file's rows as text. ``rows`` are the spreadsheet row numbers (header = 1)."""

    frame: pd.DataFrame
    rows: pd.Series
    encoding: str


def detect_encoding(data: bytes, path: Path) -> str:
    """Return the encoding of ``data``: utf-8-sig (BOM), utf-8 or gb18030.

    Raises:
        InputError: naming the line and byte where no supported encoding fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    errors = {}
    for encoding in ENCODINGS:
        try:
            data.decode(encoding)
            return encoding
        except UnicodeDecodeError as exc:
            errors[encoding] = exc
    exc = errors["utf-8"]
    line = data[: exc.start].count(b"\n") + 1
    raise InputError(
        path,
        f"bytes {data[exc.start:exc.start + 4]!r} on line {line} (byte {exc.start}) are neither UTF-8 nor GBK/GB18030",
        row=line,
        expected="a file encoded in UTF-8 (with or without BOM) or GBK",
        todo="re-export the file as CSV UTF-8, or save it again from Excel as 'CSV UTF-8'",
    )


def read_header(path: Path) -> tuple[list[str], str]:
    """The column names of a file (stripped) and its encoding, without reading it all."""
    if path.suffix.lower() in EXCEL_SUFFIXES:
        head = _read_excel(path, nrows=0)
        return [str(c).strip() for c in head.columns], "xlsx"
    with path.open("rb") as fh:
        data = fh.read(1 << 16)
    if not data.strip():
        raise InputError(path, "the file is empty", expected="a header row and data rows",
                         todo="re-export the file, or delete it if it was saved by mistake")
    # A truncated multi-byte character at the end of the sample is not an encoding error.
    encoding = detect_encoding(data[: data.rfind(b"\n") + 1] or data, path)
    first = data.decode(encoding, errors="replace").splitlines()[0]
    return [c.strip() for c in next(csv.reader([first]))], encoding


def read_table(path: Path) -> RawFrame:
    """Read a CSV or Excel file as text columns (empty cells are empty strings)."""
    if path.suffix.lower() in EXCEL_SUFFIXES:
        frame = _read_excel(path)
        frame.columns = [str(c).strip() for c in frame.columns]
        return RawFrame(frame, pd.Series(range(2, len(frame) + 2)), "xlsx")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "the file is empty", expected="a header row and data rows",
                         todo="re-export the file, or delete it if it was saved by mistake")
    encoding = detect_encoding(data, path)
    if encoding != "utf-8":
        data = data.decode(encoding).encode("utf-8")
    header = [c.strip() for c in next(csv.reader([data.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")]))]
    _check_header(path, header)
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise InputError(
            path, f"the file is not a well-formed CSV ({exc})",
            expected=f"{len(header)} comma-separated fields on every row, as in the header",
            todo="check the row named above for a stray quote or separator, and re-export",
        ) from exc
    frame = table.to_pandas()
    return RawFrame(frame, pd.Series(range(2, len(frame) + 2)), encoding)


def _check_header(path: Path, header: list[str]) -> None:
    seen: set[str] = set()
    for name in header:
        if not name:
            raise InputError(path, "a column has no name in the header row", row=1,
                             expected="a name for every column", todo="name the column or delete it")
        if name in seen:
            raise InputError(path, f"the column '{name}' appears twice in the header", row=1, column=name,
                             expected="each column once", todo="delete or rename one of them")
        seen.add(name)


def _read_excel(path: Path, nrows: int | None = None) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, dtype=str, keep_default_na=False, na_filter=False, nrows=nrows)
    except Exception as exc:  # openpyxl/xlrd raise many types for a damaged workbook
        raise InputError(path, f"the workbook cannot be read ({type(exc).__name__}: {exc})",
                         expected="an .xlsx or .xls workbook whose first sheet holds the table",
                         todo="open it in Excel and save it again, or export CSV") from exc
    if nrows is None and frame.empty and len(frame.columns) == 0:
        raise InputError(path, "the workbook's first sheet is empty", expected="a header row and data rows",
                         todo="put the table on the first sheet")
    return frame.astype(str) if not frame.empty else frame
