"""Reading workbooks (.xlsx, .xls) as grids of text, and telling what a file really is.

A file's name does not say what it holds: a CSV saved as ``.xlsx``, an HTML table saved
as ``.xls`` (what several seller centres download), an encrypted workbook. :func:`file_kind`
looks at the first bytes. An ``.xlsx`` is a zip of XML: a 2 MB file can unpack into
gigabytes, so its parts' sizes are checked against ``[ingest] max_xlsx_uncompressed_mb``
before anything is parsed, and its rows against ``max_rows`` while they are read.

Cells are given as pandas' ``read_excel(dtype=str)`` gives them (whole numbers without
``.0``, dates as ``YYYY-MM-DD HH:MM:SS``, booleans ``True``/``False``), except that an Excel
error value keeps its text (``#DIV/0!``): ingest rejects it by name rather than reading it
as empty.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path

import pandas as pd

from storebook.errors import InputError
from storebook.ingest.sources.policy import CONFIG_HINT, current_policy

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def file_kind(path: Path, head: bytes) -> str:
    """What a file holds, from its first bytes: "xlsx", "xls", "encrypted", "markup" or "text".

    A workbook suffix with text inside is "text" (read as CSV); markup (an HTML or XML page
    saved as .xls) and an OLE2 container named .xlsx (Excel encrypts workbooks that way)
    are named so that the message can say what to do.
    """
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(_OLE2):
        return "xls" if suffix == ".xls" else "encrypted"
    if suffix not in EXCEL_SUFFIXES:
        return "text"
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sniff.startswith((b"<", b"\xff\xfe<", b"<\x00")):
        return "markup"
    return "text"


def check_workbook(path: Path, kind: str) -> None:
    """Stop on a workbook that cannot or must not be parsed (encrypted, markup, too big unpacked)."""
    if kind == "encrypted":
        raise InputError(path, "the workbook is password-protected (encrypted), or an old .xls named .xlsx",
                         expected="an .xlsx workbook without a password",
                         todo="open it in Excel, remove the password (File → Info → Protect Workbook) and save it as "
                              ".xlsx, or export CSV", key="error.input.encrypted")
    if kind == "markup":
        raise InputError(path, f"the '{path.suffix}' file is a web page (HTML/XML), not a workbook",
                         expected="an .xlsx/.xls workbook or a CSV file",
                         todo="open it in Excel and save it as .xlsx, or download the report as CSV",
                         key="error.input.markup", values={"suffix": path.suffix})
    if kind != "xlsx":
        return
    limit = current_policy().max_xlsx_uncompressed_mb
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise InputError(path, "the workbook is not a readable .xlsx (its zip structure is damaged)",
                         expected="an .xlsx workbook", todo="open it in Excel and save it again, or export CSV",
                         key="error.input.bad_zip") from exc
    if "xl/workbook.xml" not in names:
        raise InputError(path, "the file is a zip archive but not an .xlsx workbook",
                         expected="an .xlsx workbook", todo="unpack it, or export the data as CSV or XLSX",
                         key="error.input.zip_not_xlsx")
    if unpacked > limit * 1e6:
        raise InputError(path, f"the workbook unpacks into {unpacked / 1e6:,.0f} MB of XML, above the limit of "
                               f"{limit:,.0f} MB", expected=f"[ingest] max_xlsx_uncompressed_mb = {limit:g} ({CONFIG_HINT})",
                         todo="export the data as CSV (much faster to read), or raise max_xlsx_uncompressed_mb under "
                              f"[ingest] in {CONFIG_HINT} if the workbook is genuine",
                         key="error.input.xlsx_too_large",
                         values={"mb": f"{unpacked / 1e6:,.0f}", "limit": f"{limit:,.0f}", "setting": f"{limit:g}",
                                 "config": CONFIG_HINT})


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook, in order."""
    if path.suffix.lower() == ".xls" and not _is_zip(path):
        return list(_xls_book(path).sheet_names())
    book = _open_xlsx(path)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_sheet(path: Path, sheet: str | int | None = None, limit: int | None = None) -> list[list[str]]:
    """The rows of one sheet (default the first) as stripped text, blank rows as ``[]`` so that
    the index of a row is its Excel row number − 1; trailing blank rows are left out.

    Raises:
        InputError: the workbook cannot be read, the sheet does not exist, or it holds more
            rows than ``[ingest] max_rows``.
    """
    if path.suffix.lower() == ".xls" and not _is_zip(path):
        return _read_xls(path, sheet, limit)
    policy = current_policy()
    book = _open_xlsx(path)
    try:
        names = list(book.sheetnames)
        name = _sheet_name(path, names, sheet)
        ws = book[name]
        ws.reset_dimensions()  # declared dimensions can be wrong (or huge): read what is there
        rows: list[list[str]] = []
        last = -1
        for values in ws.iter_rows(values_only=True):
            row = [_cell(v) for v in values]
            while row and not row[-1]:
                row.pop()
            if row:
                last = len(rows)
            rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
            if len(rows) > policy.max_rows:
                policy.check_rows(path, len(rows), what=f"rows on sheet '{name}'")
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InputError(path, f"the workbook cannot be read ({type(exc).__name__})",
                         expected="an .xlsx workbook holding the export",
                         todo="open it in Excel and save it again, or export CSV",
                         key="error.input.xlsx_unreadable", values={"error": type(exc).__name__}) from exc
    finally:
        book.close()
    return rows[: last + 1]


def _sheet_name(path: Path, names: list[str], sheet: str | int | None) -> str:
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and 0 <= sheet < len(names):
        return names[sheet]
    if isinstance(sheet, str) and sheet in names:
        return sheet
    raise InputError(path, f"the workbook has no sheet {sheet!r}", expected=f"one of its sheets: {', '.join(names)}",
                     todo="fix `sheet:` in the source declaration",
                     key="error.input.no_sheet", values={"sheet": repr(sheet), "sheets": ", ".join(names)})


def _open_xlsx(path: Path):  # noqa: ANN202 - openpyxl's Workbook
    import openpyxl

    try:
        with warnings.catch_warnings():  # openpyxl warns about styles and extensions it ignores
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InputError(path, f"the workbook cannot be read ({type(exc).__name__})",
                         expected="an .xlsx workbook holding the export",
                         todo="open it in Excel and save it again, or export CSV",
                         key="error.input.xlsx_unreadable", values={"error": type(exc).__name__}) from exc


def _is_zip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


def _cell(value: object) -> str:
    """A cell as pandas' read_excel(dtype=str) writes it (an error value keeps its text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.datetime):
        return str(pd.Timestamp(value))
    return str(value).strip()


def _xls_book(path: Path):  # noqa: ANN202 - xlrd's Book
    import xlrd

    try:
        return xlrd.open_workbook(path, on_demand=True)
    except Exception as exc:  # xlrd raises many types for a damaged workbook
        raise InputError(path, f"the .xls workbook cannot be read ({type(exc).__name__})",
                         expected="an .xls workbook holding the export",
                         todo="open it in Excel and save it as .xlsx, or export CSV",
                         key="error.input.xls_unreadable", values={"error": type(exc).__name__}) from exc


def _read_xls(path: Path, sheet: str | int | None, limit: int | None) -> list[list[str]]:
    names = list(_xls_book(path).sheet_names())
    name = _sheet_name(path, names, sheet)
    try:
        with warnings.catch_warnings():  # pandas deprecates xlrd, the only reader of .xls here
            warnings.simplefilter("ignore", FutureWarning)
            warnings.filterwarnings("ignore", message=".*xlrd engine is deprecated.*")
            frame = pd.read_excel(path, sheet_name=name, header=None, dtype=str, keep_default_na=False,
                                  na_filter=False, nrows=limit)
    except Exception as exc:  # xlrd raises many types for a damaged workbook
        raise InputError(path, f"the .xls workbook cannot be read ({type(exc).__name__})",
                         expected="an .xls workbook holding the export",
                         todo="open it in Excel and save it as .xlsx, or export CSV",
                         key="error.input.xls_unreadable", values={"error": type(exc).__name__}) from exc
    current_policy().check_rows(path, len(frame), what=f"rows on sheet '{name}'")
    rows = []
    for values in frame.itertuples(index=False):
        row = [_xls_cell(v) for v in values]
        while row and not row[-1]:
            row.pop()
        rows.append(row)
    return rows


def _xls_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.endswith(".0") and text[:-2].lstrip("-").isdigit():  # xlrd gives floats for whole numbers
        text = text[:-2]
    return text.strip()
