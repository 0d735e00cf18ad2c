"""Parsing text values into the contract's types: numbers, timestamps, dates, booleans.

Every value of a raw file reaches ingest as text; this module decides what it means, and
says why when it means nothing: a value that does not parse rejects its row with a reason
(ingest collects them). Nothing is changed without a trace:

- Numbers follow one format per file: a decimal point with comma thousands (``1,234.50``),
  or a decimal comma with point thousands (``1.234,50``). A file's format is declared (a
  custom source's ``decimal:``; platform exports write points) or detected: decimal commas
  only when some value can only be read that way (``12,50``, ``1.234,50``) and none can only
  be read the other way (``12.50``, ``1,234.50``). A value that does not fit the file's
  format is rejected, never read another way (``12,50`` is not 1250). Grouping separators
  must group thousands (``1,234``, ``1 234``). Infinity, NaN and values beyond the range of
  a double (``1e400``) or, for whole numbers, of a 64-bit integer (≥ 2^63) are rejected.
- Timestamps with an offset (``+08:00``, ``Z``) are converted to the store's time zone;
  timestamps without one are already store time.
- Clock checks (a date in the future) depend on when ingest runs, so they are not part of
  parsing: ingest applies :func:`future_rows` after its parse cache, every run.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from storebook.engine import schema

#: Dates that plan the future (a promotion, a promise, a target) rather than record a fact.
PLANNED_DATES = {"starts_on", "ends_on", "promised_on", "month_on", "valid_from", "valid_to", "launched_on"}
#: Values read as empty, in any case: every upper/lower spelling, so that no column needs
#: lower-casing to find them (no other character lower-cases to these letters).
NULL_SPELLINGS = sorted({"".join(p) for word in ("nan", "null", "none", "<na>")
                         for p in itertools.product(*({c, c.upper()} for c in word))})
TRUE_WORDS = {"true", "1", "yes", "y", "t", "是"}
FALSE_WORDS = {"false", "0", "no", "n", "f", "否"}
INT64_MAX = 2**63 - 1
#: Dates a shop's export can hold: from Excel's first day to Python's last. Earlier ones are
#: placeholders or typos (year 0000, .NET's 0001-01-01, a year 1500 for 2015), and they would
#: stretch a report's history over centuries; the reports, the recorded spans and pandas' own
#: dates all need a date Python can hold.
FIRST_DATE, LAST_DATE = pd.Timestamp("1900-01-01"), pd.Timestamp("9999-12-31")
DATE_RANGE_REASON = ("'{column}' is out of range: a date from 1900-01-01 to 9999-12-31 is expected; where the "
                     "export writes such a date for 'none', leave the cell empty")
#: MySQL writes a datetime it does not have as zeros; it is no date, and means empty.
ZERO_DATES = {"0000-00-00", "0000-00-00 00:00:00", "0000-00-00T00:00:00"}
#: What a spreadsheet writes in a cell whose formula failed (an export edited in Excel: a broken
#: reference, a look-up that found nothing). No value: an optional column is left unknown, a
#: required one rejects its row, naming the error (not as "empty", and never kept as a SKU "#REF!").
EXCEL_ERRORS = {"#N/A": "a look-up that found nothing", "#REF!": "a broken reference",
                "#VALUE!": "a formula given the wrong kind of value", "#DIV/0!": "a division by zero",
                "#NAME?": "an unknown name in a formula", "#NUM!": "an impossible number",
                "#NULL!": "an empty intersection", "#SPILL!": "a result with no room", "#CALC!": "a failed calculation",
                "#FIELD!": "a missing field", "#GETTING_DATA": "data still loading"}
EXCEL_ERROR_REASON = ("'{column}' is {value}, a spreadsheet error ({why}), not a value; fix the formula in the "
                      "export, or leave the cell empty where the value is unknown")
#: Every text :func:`parse_column` reads as empty (stripped): of any column, and of a date's.
_EMPTY = {"", *NULL_SPELLINGS}
_EMPTY_DATES = _EMPTY | ZERO_DATES
#: Why a row with a date after the moment of the ingest is rejected (no clock time in it, so
#: that identical runs give identical rejections).
FUTURE_REASON = ("'{column}' is in the future (after the time of the ingest, in the store's time zone); "
                 "the row is checked again at every ingest")


@dataclass(frozen=True)
class NumberFormat:
    """How a file writes numbers: its decimal separator and its thousands separator."""

    decimal: str = "."
    thousands: str = ","

    def describe(self) -> str:
        return "decimal comma" if self.decimal == "," else "decimal point"


POINT = NumberFormat(".", ",")
COMMA = NumberFormat(",", ".")
_SPACES = " \u00a0\u202f"
# Values that can be read only with a decimal comma, or only with a decimal point.
# (Written with the space characters themselves: RE2, which Arrow uses, has no \u escapes.)
_COMMA_ONLY = re.compile(r"^[+-]?(\d{1,3}([." + _SPACES + r"]\d{3})+,\d*|\d{1,3}(\.\d{3}){2,}|\d+,\d{1,2}|\d+,\d{4,}"
                         r"|\d{4,},\d+|0,\d+)$")
_POINT_ONLY = re.compile(r"^[+-]?(\d{1,3}([," + _SPACES + r"]\d{3})+\.\d*|\d{1,3}(,\d{3}){2,}|\d+\.\d{1,2}|\d+\.\d{4,}"
                         r"|\d{4,}\.\d+|0\.\d+)$")
_INFINITE = re.compile(r"^[+-]?(inf|infinity|nan)$", re.IGNORECASE)
_OFFSET = r"\d:\d{2}(:\d{2}(\.\d+)?)?\s?([zZ]|[+-]\d{2}(:?\d{2})?)$"


def _patterns(fmt: NumberFormat) -> tuple[str, str]:
    """(plain, grouped) RE2 patterns of a number written in ``fmt``."""
    d = re.escape(fmt.decimal)
    plain = rf"^[+-]?(\d+({d}\d*)?|{d}\d+)([eE][+-]?\d+)?$"
    groups = f"[{re.escape(fmt.thousands)}{_SPACES}]" if fmt.thousands else f"[{_SPACES}]"
    grouped = rf"^[+-]?\d{{1,3}}({groups}\d{{3}})+({d}\d*)?$"
    return plain, grouped


def _string_array(text: pd.Series) -> pa.Array:
    """Text as an Arrow string array (zero-copy for Arrow-backed strings)."""
    arr = pa.array(text, from_pandas=True)
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        arr = pa.array(text.astype(str), type=pa.large_string())
    return arr


def _text_array(text: pd.Series) -> pa.Array:
    """Stripped text as an Arrow string array, empty values as null."""
    arr = _string_array(text)
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, arr.type), arr)


def _normalise(arr: pa.Array, fmt: NumberFormat) -> tuple[pa.Array, pa.Array]:
    """(numbers as plain ``1234.5`` text, null where a value is not a number in ``fmt``; the
    mask of values that are). Each pass runs only when some value needs it."""
    plain, grouped = _patterns(fmt)
    valid = pc.fill_null(pc.match_substring_regex(arr, plain), False)
    # Literal searches and replacements: several times faster than a character class in RE2.
    separators = [c for c in fmt.thousands + _SPACES if pc.any(pc.match_substring(arr, c)).as_py()]
    out = arr
    if separators:
        is_grouped = pc.fill_null(pc.match_substring_regex(arr, grouped), False)
        valid = pc.or_(valid, is_grouped)
        stripped = arr
        for char in separators:
            stripped = pc.replace_substring(stripped, char, "")
        out = pc.if_else(is_grouped, stripped, arr)
    if fmt.decimal != ".":
        out = pc.replace_substring(out, fmt.decimal, ".")
    if pc.any(pc.starts_with(arr, "+")).as_py():
        out = pc.replace_substring_regex(out, r"^\+", "")
    return pc.if_else(valid, out, pa.scalar(None, arr.type)), valid


def plain_numbers(text: pd.Series, fmt: NumberFormat = POINT) -> pd.Series:
    """Numbers written in ``fmt`` as plain text (``1,234.50`` → ``1234.50``); any other value as
    it was written, so that ingest names it when it rejects the row (``12,50`` stays)."""
    if not len(text):
        return text.astype("str")
    arr = pa.array(text.astype("str"), from_pandas=True)
    if fmt == POINT and not any(pc.any(pc.match_substring(arr, c)).as_py() for c in "," + _SPACES):
        return text.astype("str")
    normal, valid = _normalise(arr, fmt)
    return pd.Series(pc.if_else(valid, normal, arr), index=text.index, dtype="str")


def detect_number_format(columns: list[pd.Series]) -> NumberFormat:
    """The format of a file's numeric columns: decimal commas only when some value can only
    be read with one and none can only be read with a decimal point."""
    arrays = [pa.array(c, from_pandas=True) for c in columns if len(c)]  # zero-copy for Arrow-backed text
    arrays = [a if pa.types.is_string(a.type) or pa.types.is_large_string(a.type) else pa.array(c.astype(str))
              for a, c in zip(arrays, [c for c in columns if len(c)], strict=True)]
    if not any(pc.any(pc.match_substring(a, ",")).as_py() for a in arrays):
        return POINT
    comma = any(pc.any(pc.match_substring_regex(a, _COMMA_ONLY.pattern)).as_py() for a in arrays)
    point = any(pc.any(pc.match_substring_regex(a, _POINT_ONLY.pattern)).as_py() for a in arrays)
    return COMMA if comma and not point else POINT


def parse_numbers(text: pd.Series, whole: bool, fmt: NumberFormat = POINT) -> tuple[pd.Series, pd.Series]:
    """Parse stripped text (empty = missing) as numbers written in ``fmt``.

    Returns:
        (values: ``Int64`` for whole numbers, else float64; missing where empty or bad,
        the problem of each bad value: "not", "finite", "range", "fraction", "comma",
        "point", or "" where the value is fine or empty).
    """
    values, problem = _parse_numbers(text, whole, fmt)
    return values, pd.Series("", index=text.index, dtype="str") if problem is None else problem


def _parse_numbers(text: pd.Series, whole: bool, fmt: NumberFormat) -> tuple[pd.Series, pd.Series | None]:
    """:func:`parse_numbers`, with None for the problems when every value is fine or empty (the
    common case: no column of ""s to build, and to compare, for every numeric column)."""
    arr = _text_array(text)
    fast = _cast_plain(arr, whole) if fmt.decimal == "." else None  # Arrow's cast knows only decimal points
    if fast is not None:
        return pd.Series(fast, index=text.index), None
    normal, valid = _normalise(arr, fmt)
    try:
        floats = pc.cast(normal, pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # a text the patterns let through
        floats = np.array([_float(t) for t in normal.to_pylist()], dtype="float64")
        valid = pc.and_(valid, pa.array(~np.isnan(floats) | pc.is_null(normal).to_numpy(zero_copy_only=False)))
    problem = np.full(len(arr), "", dtype=object)
    present = pc.is_valid(arr).to_numpy(zero_copy_only=False)
    valid_np = valid.to_numpy(zero_copy_only=False)
    problem[present & ~valid_np] = "not"
    with np.errstate(invalid="ignore"):
        problem[valid_np & ~np.isfinite(floats)] = "range"  # 1e400
    if whole:
        values = _whole(normal, floats, valid_np, problem)
    else:
        values = pd.array(np.where(problem == "", floats, np.nan), dtype="float64")
    bad = np.flatnonzero(problem == "not")
    if bad.size:  # say why, once per distinct text
        texts = pd.Series(arr.take(pa.array(bad)).to_pylist())
        why = {t: _why_not(t, fmt) for t in texts.unique()}
        problem[bad] = texts.map(why).to_numpy()
    return pd.Series(values, index=text.index), pd.Series(problem, index=text.index, dtype="str")


def _cast_plain(arr: pa.Array, whole: bool) -> np.ndarray | pd.api.extensions.ExtensionArray | None:
    """The common case, cheaply: every value is a plain finite number (or empty), cast by Arrow
    in one pass. None when any value is not, and the careful path decides."""
    if whole:
        try:
            values = pc.cast(arr, pa.int64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None
        if any(pc.any(pc.match_substring(arr, x)).as_py() for x in "xX"):  # Arrow reads 0x10 as 16
            return None
        return _int64_array(values)
    try:
        values = pc.cast(arr, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if pc.any(pc.invert(pc.is_finite(values))).as_py():  # inf, nan, 1e400: the careful path says why
        return None
    return values.to_numpy(zero_copy_only=False).astype("float64")


def _int64_array(values: pa.Array) -> pd.api.extensions.ExtensionArray:
    """Arrow int64 (with nulls) as a pandas ``Int64`` array, without a detour through floats."""
    data = pc.fill_null(values, 0).to_numpy(zero_copy_only=False)
    return pd.arrays.IntegerArray(data.astype("int64"), pc.is_null(values).to_numpy(zero_copy_only=False))


def _float(text: str | None) -> float:
    try:
        return float(text) if text is not None else np.nan
    except ValueError:
        return np.nan


def _whole(normal: pa.Array, floats: np.ndarray, valid: np.ndarray, problem: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Whole numbers exactly: digit strings as integers (≥ 2^63 out of range), others from
    their float value when it has no fraction. Marks the problems it finds in ``problem``."""
    ok = valid & (problem == "")
    digits = pc.fill_null(pc.match_substring_regex(normal, r"^-?\d{1,18}$"), False).to_numpy(zero_copy_only=False)
    long = pc.fill_null(pc.match_substring_regex(normal, r"^-?\d{19,}$"), False).to_numpy(zero_copy_only=False)
    data = np.zeros(len(floats), dtype="int64")
    short = ok & digits
    if short.any():
        data[short] = pc.cast(pc.filter(normal, pa.array(short)), pa.int64()).to_numpy(zero_copy_only=False)
    texts = normal.to_pylist() if (ok & long).any() else []
    for i in np.flatnonzero(ok & long):  # 19 digits or more: exact, in Python (rare)
        v = int(texts[i])
        if -INT64_MAX - 1 <= v <= INT64_MAX:
            data[i] = v
        else:
            problem[i] = "range"
    rest = ok & ~digits & ~long  # 1.0, 1e3: whole when the value has no fraction
    with np.errstate(invalid="ignore"):
        fraction = rest & (np.floor(floats) != floats)
        too_big = rest & ~fraction & (np.abs(floats) >= 2.0**63)
    problem[fraction] = "fraction"
    problem[too_big] = "range"
    fine = rest & ~fraction & ~too_big
    data[fine] = floats[fine].astype("int64")
    return pd.arrays.IntegerArray(data, ~(ok & (problem == "")))


def _why_not(text: str, fmt: NumberFormat) -> str:
    if _INFINITE.match(text):
        return "finite"
    if fmt.decimal == "." and _COMMA_ONLY.match(text):
        return "comma"
    if fmt.decimal == "," and _POINT_ONLY.match(text):
        return "point"
    return "not"


def number_reason(column: str, problem: str, whole: bool, fmt: NumberFormat) -> str:
    """The rejection reason of a number's problem (see :func:`parse_numbers`)."""
    what = "a whole number" if whole else "a number"
    return {
        "not": f"'{column}' is not {what}",
        "fraction": f"'{column}' is not a whole number",
        "finite": f"'{column}' is not a finite number (infinity and NaN are not amounts or counts)",
        "range": (f"'{column}' is out of range: beyond the largest whole number (2^63 - 1)" if whole
                  else f"'{column}' is out of range: beyond the largest number (about 1.8e308)"),
        "comma": f"'{column}' is not a number in this file's format: it has a decimal comma, the file's numbers "
                 "have a decimal point",
        "point": f"'{column}' is not a number in this file's format: it has a decimal point, the file's numbers "
                 "have a decimal comma",
    }[problem]


def parse_times(text: pd.Series, timezone: str) -> pd.Series:
    """Parse stripped ISO 8601 text (None = missing) as naive store-time timestamps.

    Values with an offset (``+08:00``, ``+0800``, ``Z``) are converted to ``timezone``; the
    others are store time already. A value that does not parse is NaT.
    """
    if not len(text):
        return pd.Series(pd.to_datetime(text, format="ISO8601", errors="coerce"), index=text.index)
    arr = pa.array(text, type=pa.large_string(), from_pandas=True)
    # Nearly every column is all plain times (Shopify's are made plain by its adapter): no
    # plain time ends in an offset (_PLAIN_LENGTHS: a date, or a time to the second, and nothing
    # after, where _OFFSET needs a zone after ``H:MM``), so such a column is read without searching it for
    # one, as below it would be (a regex pass less per time column: ~2 CPU-s at 10M order
    # lines). The first values decide whether to try: a column with offsets skips it.
    if _plain_head(arr):
        plain = _plain_times(text, arr)
        if plain is not None:
            return plain
    offset = pc.fill_null(pc.match_substring_regex(arr, _OFFSET), False).to_numpy(zero_copy_only=False)
    naive = _local_times(text.where(~offset) if offset.any() else text, timezone)
    if not offset.any():
        return naive
    zoned = pd.to_datetime(text.where(offset), format="ISO8601", errors="coerce", utc=True)
    local = zoned.dt.tz_convert(timezone).dt.tz_localize(None)
    return naive.where(~offset, local.astype("datetime64[us]"))


#: The spelling of nearly every export's times: ``2026-06-01 00:00:01`` (or with a ``T``), or a
#: date alone, within the years that pandas' ISO 8601 reading below accepts alike. Of the
#: strings Arrow casts to a naive timestamp, those are exactly the ones of 10 or 19 bytes
#: (a fraction, an offset, a ``Z`` or a missing second makes another length; Arrow accepts no
#: other form of these lengths: tests/ingest/test_parse_fast_paths.py checks the two against the
#: pattern ``^(19|20)\d\d-\d\d-\d\d([ T]\d\d:\d\d:\d\d)?$``). Their lengths are read
#: from the offsets of the Arrow array, ~15x cheaper than matching that pattern (~2.5 CPU-s
#: at 10M order lines).
_PLAIN_LENGTHS = pa.array([10, 19], pa.int64())
#: 1900-01-01 and 2100-01-01 in microseconds from 1970: the bounds are compared as numbers, as a
#: year Python's datetime cannot hold (0000) casts in Arrow.
_PLAIN_YEARS = tuple((datetime.datetime(y, 1, 1) - datetime.datetime(1970, 1, 1)) // datetime.timedelta(microseconds=1)
                     for y in (1900, 2100))


def _all_plain(arr: pa.Array) -> bool:
    """Whether ``arr`` has values and all of them (null = missing) have a plain time's length:
    a plain time, or no time Arrow reads (:func:`_plain_times` casts them to know)."""
    lengths = pc.fill_null(pc.binary_length(arr), 10)  # a missing value is no obstacle
    return bool(len(arr)) and pc.all(pc.is_in(lengths, value_set=_PLAIN_LENGTHS)).as_py()


def _plain_head(arr: pa.Array, rows: int = 64) -> bool:
    """Whether the first ``rows`` values of ``arr`` have a plain time's length (:func:`_all_plain`)."""
    return _all_plain(arr.slice(0, rows))


def _plain_times(text: pd.Series, arr: pa.Array | None = None) -> pd.Series | None:
    """Naive timestamps when every value (None = missing) is a plain time (:data:`_PLAIN_LENGTHS`);
    else None.

    Arrow's cast reads them in place, ~2x faster than pandas, which copies Arrow-backed text
    to Python objects first. A value that is no date (02-30, 24:00:00) or no plain time fails
    the cast, and a year before 1900 or after 2099 the range: None, and pandas' reading makes
    it NaT (or reads it) as before.
    """
    if arr is None:  # ``text`` as Arrow, when the caller has it
        arr = pa.array(text, type=pa.large_string(), from_pandas=True)
    if not _all_plain(arr):
        return None
    try:
        stamps = pc.cast(arr, pa.timestamp("us"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    bounds = pc.min_max(stamps.cast(pa.int64())).as_py()
    if bounds["min"] is not None and (bounds["min"] < _PLAIN_YEARS[0] or bounds["max"] >= _PLAIN_YEARS[1]):
        return None
    return pd.Series(stamps.to_numpy(zero_copy_only=False), index=text.index, name=text.name)


def _local_times(text: pd.Series, timezone: str) -> pd.Series:
    plain = _plain_times(text)
    if plain is not None:
        return plain
    try:
        parsed = pd.to_datetime(text, format="ISO8601", errors="coerce")
    except (ValueError, TypeError):  # offsets spelled several other ways: one value at a time
        parsed = pd.Series([_one_time(v, timezone) for v in text], index=text.index, dtype="datetime64[us]")
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):  # an offset spelled another way
        return parsed.dt.tz_convert(timezone).dt.tz_localize(None).astype("datetime64[us]")
    return parsed.astype("datetime64[us]")


def _one_time(value: object, timezone: str) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value) if isinstance(value, str) else pd.NaT
    except ValueError:
        return pd.NaT
    if stamp is not pd.NaT and stamp.tzinfo is not None:
        stamp = stamp.tz_convert(timezone).tz_localize(None)
    return stamp


def _unpadded_values(spec: schema.ColumnSpec, text: pd.Series, fmt: NumberFormat) -> tuple[pd.Series, pd.Series] | None:
    """The values and empty mask of a number or time column read without stripping it, when no
    value needs it; else None, and :func:`parse_column` strips and parses it.

    Stripping copies every value, and in a canonical file no value is padded. Where every value
    that is not empty as written is read whole by Arrow's cast (a number) or is spelled
    :data:`_PLAIN_LENGTHS` and cast (a time), no value starts or ends with white space (Arrow's
    casts read none), so stripping would change no value, nor which
    values are empty: the values, the empty rows' rejections and the ok mask are those the
    stripped column gives, and no value is unparsed or (years 1900-2099) out of range. Any other
    column (a padded value, "  ", a bad value, decimal commas, offsets) is left to the careful path.
    """
    if spec.kind in {"int", "Int64", "float"}:
        if fmt.decimal != ".":
            return None
        empty = _empty(text, _EMPTY)
        values = _cast_plain(_text_array(text.where(~empty, "")), spec.kind != "float")
        return None if values is None else (pd.Series(values, index=text.index), empty)
    if spec.kind in {"timestamp", "date"}:
        empty = _empty(text, _EMPTY_DATES)
        arr = pa.array(text.where(~empty, None), type=pa.large_string(), from_pandas=True)
        values = _plain_times(text, arr) if _plain_head(arr) else None
        return None if values is None else (values, empty)
    return None


def parse_column(table: str, spec: schema.ColumnSpec, text: pd.Series, frame: pd.DataFrame, rejects,  # noqa: ANN001
                 timezone: str = "Asia/Shanghai", fmt: NumberFormat = POINT) -> tuple[pd.Series, pd.Series]:
    """Parse one text column; return (values, ok mask) and record the rows that fail.

    Args:
        table, spec: the canonical table and the column's contract.
        text: the column as the adapter gave it.
        frame: the file's rows (with ``_source_file``/``_source_row``), for the rejections.
        rejects: collects rejected rows (``add(table, frame, mask, column, reason, values)``).
        timezone: the store's time zone (offsets are converted to it).
        fmt: how the file writes numbers.
    """
    text = text.astype(str)
    unpadded = _unpadded_values(spec, text, fmt)
    if unpadded is None:
        text = text.str.strip()
        # One look-up of each value among every spelling of empty: "", the NULL spellings and, for
        # a date, MySQL's spelling of no date (empty, as NULL is).
        empty = _empty(text, _EMPTY_DATES if spec.kind in {"timestamp", "date"} else _EMPTY)
    else:
        values, empty = unpadded
    bad = pd.Series(False, index=text.index)
    # (The fast path read every value whole as a number or time: none is a spreadsheet error.)
    errors = _excel_errors(text) if unpadded is None else None
    if errors is not None:
        if not spec.nullable:
            why = text[errors].map(lambda v: EXCEL_ERROR_REASON.format(column=spec.name, value=v, why=EXCEL_ERRORS[v]))
            rejects.add(table, frame, errors, spec.name, why.reindex(text.index, fill_value=""), text)
            bad |= errors
        else:
            rejects.unknown(frame, errors, spec.name, text)
        empty = empty | errors
    if not spec.nullable:
        blank = empty & ~bad
        rejects.add(table, frame, blank, spec.name, f"column '{spec.name}' is empty; a value is required")
        bad |= blank
    if spec.kind == "str":
        return text.where(~empty, None).astype("str"), ~bad
    if spec.kind in {"int", "Int64", "float"}:
        if unpadded is None:
            whole = spec.kind != "float"
            values, problem = _parse_numbers(text.where(~empty, ""), whole, fmt)
            failed = problem.ne("") & ~bad if problem is not None else None
            if failed is not None and failed.any():
                why = {p: number_reason(spec.name, p, whole, fmt) for p in problem[failed].unique()}
                rejects.add(table, frame, failed, spec.name, problem.map(why).fillna(""), text)
                bad |= failed
        if spec.kind == "int":
            return values.where(~bad, 0).fillna(0).astype("int64"), ~bad
        if spec.kind == "Int64":
            return values.where(~bad).astype("Int64"), ~bad
        return values.where(~bad).astype("float64"), ~bad
    if spec.kind == "bool":
        low = text.str.lower()
        values = isin_text(low, TRUE_WORDS)
        unparsed = ~isin_text(low, TRUE_WORDS | FALSE_WORDS) & ~empty
        rejects.add(table, frame, unparsed & ~bad, spec.name, f"'{spec.name}' is not true/false", text)
        if spec.nullable:  # an optional flag left empty is unknown, not false
            return pd.Series(pd.array(values.to_numpy(), dtype="boolean"), index=text.index).mask(empty), \
                ~(bad | unparsed)
        return values.astype(bool), ~(bad | unparsed)
    # timestamp or date
    if unpadded is None:
        values = parse_times(text.where(~empty, None), timezone)
        unparsed = values.isna() & ~empty
        fmt_text = "YYYY-MM-DD" if spec.kind == "date" else "YYYY-MM-DD HH:MM:SS"
        rejects.add(table, frame, unparsed & ~bad, spec.name, f"'{spec.name}' is not a date ({fmt_text})", text)
        bad |= unparsed
        outside = values.notna() & ((values < FIRST_DATE) | (values >= LAST_DATE + pd.Timedelta(days=1))) & ~bad
        if outside.any():
            rejects.add(table, frame, outside, spec.name, DATE_RANGE_REASON.format(column=spec.name), text)
            bad |= outside
            values = values.where(~outside)
    if spec.kind == "date":
        values = values.dt.normalize()
    return values.astype("datetime64[us]"), ~bad


def clock_columns(table: str) -> list[str]:
    """The table's dates that record facts: a value after the moment of the ingest is wrong."""
    return [c.name for c in schema.columns(table) if c.kind in {"date", "timestamp"} and c.name not in PLANNED_DATES]


def future_rows(frame: pd.DataFrame, table: str, today: pd.Timestamp) -> tuple[pd.Series, pd.Series]:
    """Rows with a date after ``today`` (naive store time): (mask, the first such column of each)."""
    first = pd.Series("", index=frame.index, dtype="str")
    for name in clock_columns(table):
        later = frame[name].notna() & (frame[name] > today) & first.eq("")
        first = first.where(~later, name)
    return first.ne(""), first


#: The empty spellings are ASCII: a value equal to one is no longer (in bytes) than the longest.
_SHORT_EMPTY = max(len(e) for e in _EMPTY)
assert all(e.isascii() for e in _EMPTY_DATES) and all(len(e) <= _SHORT_EMPTY or e.startswith("0000-00-00")
                                                       for e in _EMPTY_DATES)


def _empty(values: pd.Series, spellings: set) -> pd.Series:
    """``isin_text(values, spellings)`` for a set of :data:`_EMPTY` or :data:`_EMPTY_DATES`: only the
    values that could be one are looked up, those of 1 to 4 bytes (and, for dates, those that
    start as MySQL's zero date); "" is empty without one. An id, an amount, a time or a name is
    seldom that short, and measuring every value costs a fraction of looking every value up."""
    arr = pa.array(values, from_pandas=True)  # zero-copy for Arrow-backed strings
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return isin_text(values, spellings)
    length = pc.binary_length(arr)
    maybe = pc.and_(pc.greater(length, 0), pc.less_equal(length, _SHORT_EMPTY))
    if any(len(e) > _SHORT_EMPTY for e in spellings):
        maybe = pc.or_(maybe, pc.starts_with(arr, "0000-00-00"))
    maybe = maybe.fill_null(False).to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(maybe)
    if len(rows) == len(arr):
        return isin_text(values, spellings)
    out = np.array(pc.equal(length, 0).fill_null(False).to_numpy(zero_copy_only=False))  # "" is empty: no look-up
    if len(rows):
        found = pc.is_in(arr.take(pa.array(rows)), value_set=pa.array(sorted(spellings), type=arr.type))
        out[rows] = found.fill_null(False).to_numpy(zero_copy_only=False)
    return pd.Series(out, index=values.index)


def _excel_errors(text: pd.Series) -> pd.Series | None:
    """The values that are spreadsheet errors (:data:`EXCEL_ERRORS`), or None when none is: one
    pass for a leading ``#``, and a look-up only among the values that have one."""
    arr = _string_array(text)
    hashed = pc.starts_with(arr, "#")
    if not pc.any(hashed).as_py():
        return None
    found = pc.and_(hashed, pc.is_in(arr, value_set=pa.array(sorted(EXCEL_ERRORS), type=arr.type))).fill_null(False)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=text.index) if pc.any(found).as_py() else None


def isin_text(values: pd.Series, allowed: set | list) -> pd.Series:
    """``values.isin(allowed)`` for a text column, through Arrow: pandas 3 loops in Python for
    string columns. Missing values are not in."""
    arr = pa.array(values, from_pandas=True)  # zero-copy for Arrow-backed strings
    found = pc.is_in(arr, value_set=pa.array(sorted(map(str, allowed)), type=arr.type))
    return pd.Series(found.fill_null(False).to_numpy(zero_copy_only=False), index=values.index)
