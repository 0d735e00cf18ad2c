"""Running a compiled source on its data: register the text frames, run each table's
query, and turn the result into what ingest takes (text in canonical names, the file row
of each record, and the rows whose inputs did not read, with their reasons).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import pyarrow as pa

from storebook.engine import schema
from storebook.ingest.sources.base import REGION_COLUMNS, canonical, province
from storebook.ingest.sources.mapping.compile import CURRENCY_SEPARATOR, OutputPlan, Plan
from storebook.ingest.sources.mapping.spec import Currency
from storebook.ingest.sources.readers import RawFrame


@dataclass
class TableResult:
    """One table's rows from one file."""

    plan: OutputPlan
    frame: pd.DataFrame           # canonical text columns
    rows: pd.Series               # file row of each record
    problems: pd.DataFrame        # column, value, reason ('' where the row is fine)
    entering: int                 # rows that reached the table (after every where)
    notes: list[str] = field(default_factory=list)


def text_table(raw: RawFrame, file_name: str, period: tuple[str, str] | None) -> pa.Table:
    """The file's rows as an Arrow table of text, with the pseudo-columns."""
    cols = {name: pa.array(raw.frame[name].astype(str).to_numpy(), pa.string()) for name in raw.frame.columns}
    n = len(raw.frame)
    cols["_row"] = pa.array(raw.rows.to_numpy(dtype="int64"), pa.int64())
    cols["_file"] = pa.array([file_name] * n, pa.string())
    cols["_period_start"] = pa.array([period[0] if period else ""] * n, pa.string())
    cols["_period_end"] = pa.array([period[1] if period else ""] * n, pa.string())
    return pa.table(cols)


def stack(tables: list[pa.Table], header: list[str]) -> pa.Table:
    """Tables of several files of one joined source, on the first file's header."""
    fitted = []
    for t in tables:
        cols = {}
        for name in [*header, "_row", "_file", "_period_start", "_period_end"]:
            cols[name] = t.column(name) if name in t.column_names else pa.array([""] * t.num_rows, pa.string())
        fitted.append(pa.table(cols))
    return pa.concat_tables(fitted)


def execute(con: duckdb.DuckDBPyConnection, plan: Plan, main: pa.Table, joined: dict[str, pa.Table],
            declared_in: str, country: str = "", store_country: str = "",
            currency: Currency | None = None) -> list[TableResult]:
    """Run every table's query of ``plan`` over the data.

    Args:
        con: the connection the plan was compiled on (empty frames registered).
        plan: the compiled source.
        main: the file's rows (:func:`text_table`).
        joined: per join alias, its files' rows.
        declared_in: the declarations file, for the reasons of rejected rows.
        country: the country declared for every row (``country: CN``; "" when none is).
        store_country: the store's ``[store] country`` ("" when not set): the country of a row
            whose own is empty.
        currency: the declared ``currency:`` (None: none is): a record whose currency column holds
            a value that is no code (nor mapped to one by ``values:``) is rejected with the reason.
    Returns:
        One result per table the source feeds.
    """
    con.register("raw_main", main)
    for alias, table in joined.items():
        con.register(f"raw_{alias}", table)
    out = []
    for op in plan.outputs:
        result = con.sql(op.sql).to_arrow_table()
        entering = con.sql(op.count_sql).fetchall()[0][0]
        out.append(_result(op, result, entering, declared_in, country, store_country, currency))
    return out


def _result(op: OutputPlan, result: pa.Table, entering: int, declared_in: str, country: str = "",
            store_country: str = "", currency: Currency | None = None) -> TableResult:
    names = [c.name for c in schema.columns(op.table) if c.name in result.column_names]
    index = pd.RangeIndex(result.num_rows)
    columns: dict[str, pd.Series | str] = {
        c: pd.Series(result.column(c).to_pylist(), index=index, dtype="str") for c in names}
    rows_country = (pd.Series(result.column("_country").to_pylist(), index=index, dtype="str") if op.country
                    else country or None)
    for t, c in REGION_COLUMNS:
        if t == op.table and c in columns:
            # A province field may hold a full address: it never passes, reduced to the province.
            # A supplier's region is kept as written, but for a province of China (its short name).
            columns[c] = province(columns[c], rows_country, store_country=store_country, addresses=c == "province")
    frame = canonical(op.table, columns, index)
    rows = pd.Series(result.column("_row").to_numpy(zero_copy_only=False), dtype="int64")
    bad = result.column("_bad").to_pylist()
    problems = pd.DataFrame({
        "column": [b["column"] if b else "" for b in bad],
        "value": [b["value"] if b else "" for b in bad],
        "reason": [f"'{b['column']}' = '{b['value']}' in {b['file']} row {b['row']} is not {b['expected']} "
                   f"(`inputs: {b['column']}` of source '{b['source']}' in {declared_in})" if b else "" for b in bad],
    }, index=index)
    if op.currency and currency is not None:
        problems = _unread_currencies(problems, result.column("_currency").to_pylist(), currency, declared_in)
    return TableResult(op, frame, rows, problems, int(entering))


def _unread_currencies(problems: pd.DataFrame, cells: list[str | None], currency: Currency,
                       declared_in: str) -> pd.DataFrame:
    """``problems`` with each record whose currency cells hold a value that is no code (nor mapped to
    one) rejected, for its first such value (storebook.engine.identity: the one rule Shopify's Currency
    follows too); a record rejected already keeps its first reason. An empty cell states no currency."""
    from storebook.engine.identity import read_currency, unread_currency_reason

    first_bad: dict[str | None, str | None] = {}  # per distinct cell: a file repeats a few currencies
    unread = {}
    for at, cell in enumerate(cells):
        if cell not in first_bad:
            first_bad[cell] = next((v for v in (cell or "").split(CURRENCY_SEPARATOR)
                                    if v and not read_currency(v, currency.values)), None)
        if first_bad[cell] is not None and not problems.iat[at, 2]:
            unread[at] = first_bad[cell]
    if not unread:
        return problems
    out = problems.copy()
    at = list(unread)
    out.iloc[at, 0] = currency.column
    out.iloc[at, 1] = list(unread.values())
    out.iloc[at, 2] = [unread_currency_reason(currency.column, v, declared_in) for v in unread.values()]
    return out


# ----------------------------------------------------------------------------- periods

_SEPARATED = re.compile(r"(?<!\d)(\d{4})[-_./](\d{1,2})[-_./](\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_MONTH = re.compile(r"(?<!\d)(\d{4})[-_](\d{1,2})(?![\d\-_./]\d)")
#: A month named in English before its year: "May-2022", "P  L March 2021", "sales_sep_2021".
_MONTH_NAMES = {name: i + 1 for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")]) for name in names}
_NAMED_MONTH = re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
                          + r")[-_ .,]*(\d{4})(?!\d)", re.IGNORECASE)


def period_of_name(name: str) -> tuple[str, str] | None:
    """The period a file name gives: two dates (first and last day), one date (that day),
    or a month (its first and last day: ``2019-07``, or its English name before the year,
    ``May-2022``, ``March 2021``); None when it names none.

    >>> period_of_name("生意参谋_流量来源_2019-07-01_2019-07-31.xls")
    ('2019-07-01', '2019-07-31')
    >>> period_of_name("traffic_20190729.csv"), period_of_name("spend_2019-07.csv")
    (('2019-07-29', '2019-07-29'), ('2019-07-01', '2019-07-31'))
    >>> period_of_name("P  L March 2021.csv"), period_of_name("May-2022.csv")
    (('2021-03-01', '2021-03-31'), ('2022-05-01', '2022-05-31'))
    """
    days = []
    for pattern in (_SEPARATED, _COMPACT):
        for m in pattern.finditer(name):
            try:
                days.append((m.start(), dt.date(int(m[1]), int(m[2]), int(m[3]))))
            except ValueError:
                continue
    days = [d for _, d in sorted(days)]
    if days:
        first, last = days[0], days[1] if len(days) > 1 else days[0]
        first, last = min(first, last), max(first, last)
        return first.isoformat(), last.isoformat()
    m = _MONTH.search(name)
    if m and 1 <= int(m[2]) <= 12:
        return _month(int(m[1]), int(m[2]))
    m = _NAMED_MONTH.search(name)
    if m:
        return _month(int(m[2]), _MONTH_NAMES[m[1].lower()])
    return None


def _month(year: int, month: int) -> tuple[str, str]:
    end = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1).isoformat(), dt.date(year, month, end).isoformat()
