"""Where a CSV's records begin and end: the separator, the count of lines, and the checks
that no value swallowed the lines after it.

Python's csv module and Arrow's CSV reader both let a quoted value run over line ends, as
a value with a line break must. A stray quote (``"Hangzhou Home`` typed without its closing
quote) therefore makes them read the following lines into that value: rows disappear into
one cell and nothing fails. Every record that spans lines is read again strictly (a closing
quote must end its value); one that does not parse stops the ingest, naming the line where
the quote opened. A file whose quotes are all regular, or that holds none, needs no second
read: that is the cost for a clean file.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from storebook.errors import InputError, Said

#: Separators a file may use, in order of preference when two fit equally well.
DELIMITERS = (",", "\t", ";", "|")
DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
#: How many rows the header may lie below the top (title blocks, notes).
HEADER_SCAN = 40
NEWLINE = re.compile(r"\r\n|\r|\n")


def sniff_delimiter(sample: str) -> str:
    """The separator that splits the most rows of ``sample`` into the same number (> 1) of fields.

    Title lines above a header have one field whatever the separator; a comma inside a
    quoted value does not split it. Ties go to the comma.
    """
    best, best_score = ",", (0, 0)
    lines = NEWLINE.split(sample, maxsplit=HEADER_SCAN)
    if len(lines) > 1:
        lines = lines[:-1]  # the rest of the sample, or a row the sample may cut
    for delimiter in DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(lines[:HEADER_SCAN], delimiter=delimiter) if len(r) > 1]
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if (count, width) > best_score:
            best, best_score = delimiter, (count, width)
    return best


def count_lines(data: bytes, start: int = 0) -> int:
    """Physical lines of ``data[start:]`` (LF, CRLF or lone CR ends; a last line without one
    counts), without copying it."""
    cr = data.count(b"\r", start)
    lines = data.count(b"\n", start) + (cr - data.count(b"\r\n", start) if cr else 0)
    return lines + (1 if len(data) > start and not data.endswith((b"\n", b"\r")) else 0)


def split_records(text: str, delimiter: str, limit: int | None) -> tuple[list[list[str]], list[tuple[int, int, int]]]:
    """The records of ``text`` (cells stripped) and the quote problems found: (first line,
    last line, field) of each record that spans lines but does not parse strictly."""
    buffer: list[str] = []

    def lines():  # noqa: ANN202 - the lines of the current record are kept for a strict re-read
        for line in io.StringIO(text, newline=""):
            buffer.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    rows, problems, line = [], [], 0
    for record in reader:
        first, line = line + 1, reader.line_num
        if len(buffer) > 1 and not strict_record(buffer, delimiter):
            field_index = next((i for i, v in enumerate(record) if "\n" in v or "\r" in v), 0)
            problems.append((first, line, field_index))
        buffer.clear()
        rows.append([c.strip() for c in record])
        if limit is not None and len(rows) >= limit:
            break
    return rows, problems


def strict_record(lines: list[str], delimiter: str) -> bool:
    """Whether ``lines`` are exactly one record with well-formed quotes."""
    try:
        return len(list(csv.reader(lines, delimiter=delimiter, strict=True))) == 1
    except csv.Error:
        return False


def raise_quote_problem(path: Path, rows: list[list[str]], problem: tuple[int, int, int]) -> None:
    first, last, field_index = problem
    header = next((r for r in rows[:HEADER_SCAN] if len(r) > field_index and r[field_index]), None)
    column = header[field_index] if header is not None and first > 1 else None
    where = f"field {field_index + 1}" + (f" ('{column}')" if column else "")
    field = Said("error.input.quote.field.named" if column else "error.input.quote.field",
                 {"number": str(field_index + 1), **({"name": column} if column else {})})
    raise InputError(
        path, f"line {first}: a quote opens a value in {where} that runs over the following lines and is not "
              f"closed properly (it swallows lines {first + 1}–{last}, which would otherwise be rows of their own)",
        column=column, expected="quotes around a value closed before the next separator; a quote inside a value "
                                "written twice (\"\")",
        todo=f"remove the stray quote on line {first} or write it as \"\", or re-export the file with every value quoted",
        key="error.input.quote", values={"first": str(first), "next": str(first + 1), "last": str(last), "field": field},
    )


def check_spanning_records(path: Path, body: bytes, table: pa.Table, delimiter: str, first_line: int,
                            header: list[str]) -> None:
    """Parse strictly every record that spans lines (see the module docstring).

    The caller checks first that the body has a quote and more lines than records; a body
    whose quotes are all regular needs nothing more (:func:`_quotes_regular`).
    """
    if quotes_regular(body, delimiter):
        return
    breaks = np.zeros(table.num_rows, dtype="int64")
    per_field = []
    for column in table.columns:  # line breaks per value: LF, CR, and CRLF counted once
        n = pc.count_substring(column, "\n").to_numpy(zero_copy_only=False).astype("int64")
        if pc.any(pc.match_substring(column, "\r")).as_py():
            n += pc.count_substring(column, "\r").to_numpy(zero_copy_only=False)
            n -= pc.count_substring(column, "\r\n").to_numpy(zero_copy_only=False)
        per_field.append(n)
        breaks += n
    spanning = np.flatnonzero(breaks)
    if not spanning.size:
        return
    starts = np.arange(table.num_rows) + np.cumsum(breaks) - breaks  # 0-based line of each record
    octets = np.frombuffer(body, dtype=np.uint8)
    lf, cr = octets == 10, octets == 13
    ends = np.flatnonzero(lf | (cr & ~np.append(lf[1:], False)))  # the last byte of each line
    spans = []
    for i in spanning:
        a, b = int(starts[i]), int(starts[i] + breaks[i])
        lo = int(ends[a - 1]) + 1 if a > 0 else 0
        hi = int(ends[b]) + 1 if b < len(ends) else len(body)
        spans.append((i, a, b, body[lo:hi] if hi < len(body) or body.endswith((b"\n", b"\r")) else body[lo:hi] + b"\n"))
    # One strict read of all the spans together (each is one record when well quoted); only
    # when that fails is each span read alone, to name the first bad one.
    if _strict_count(b"".join(span for *_, span in spans), delimiter) == len(spans):
        return
    for i, a, b, span in spans:
        if not strict_record(list(io.StringIO(span.decode("utf-8"), newline="")), delimiter):
            field_index = next(k for k, n in enumerate(per_field) if n[i])
            raise_quote_problem(path, [[c.strip() for c in header]], (first_line + a, first_line + b, field_index))


def quotes_regular(body: bytes, delimiter: str) -> bool:
    """Whether every quote of ``body`` opens a value (after a separator or line start), closes
    one (before a separator or line end), or doubles a quote inside one — counted in pairs.

    Then the lenient readers read exactly what a strict one would: no value can run past its
    closing quote. Checked with numpy over the quotes' positions; False (a quote elsewhere, such
    as 12" in an unquoted value) only means that the records spanning lines are read again.
    """
    octets = np.frombuffer(body, dtype=np.uint8)
    quotes = np.flatnonzero(octets == 34)
    if not quotes.size:
        return True
    if quotes.size % 2:
        return False
    bounds = np.zeros(256, dtype=bool)
    bounds[[10, 13, 34, ord(delimiter)]] = True  # a quote may touch a quote: "" inside a value
    # The bytes either side of each quote; the body starts and ends at a line end. (Taken at
    # the quotes only: padding the whole body copied it as int64, 8 bytes per byte.)
    before = np.where(quotes > 0, octets[np.maximum(quotes - 1, 0)], 10)
    after = np.where(quotes + 1 < octets.size, octets[np.minimum(quotes + 1, octets.size - 1)], 10)
    return bool(bounds[before[0::2]].all() and bounds[after[1::2]].all())


def _strict_count(data: bytes, delimiter: str) -> int:
    """The number of records in ``data`` read with strict quoting, or -1 when it is malformed."""
    try:
        return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter,
                                         strict=True))
    except csv.Error:
        return -1
