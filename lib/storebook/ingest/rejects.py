"""Rejected rows as ingest records them: table, file, row, column, value, reason, record."""

from __future__ import annotations

import json
import re

import pandas as pd

from storebook.ingest.wording import is_currency_reason

#: The columns every parsed frame carries to find its rows in the raw file again.
SOURCE_FILE = "_source_file"
SOURCE_ROW = "_source_row"
REJECTED_COLUMNS = ["table", "source_file", "source_row", "column", "value", "reason", "record"]


class Rejects:
    """Collects rejected rows: (table, file, row, column, value, reason, record)."""

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []
        #: What the file's note says of values read as unknown rather than rejected.
        self.notes: list[str] = []

    def unknown(self, frame: pd.DataFrame, mask: pd.Series, column: str, values: pd.Series) -> None:
        """Values of an optional column that are spreadsheet errors (``#VALUE!``, where ``mask``):
        read as unknown, the row kept; the file's note names the column, the errors and the rows."""
        values, rows = values[mask], frame.loc[mask, SOURCE_ROW]
        counts = values.value_counts()
        shown = ", ".join(f"{value} ×{n}" if n > 1 else str(value) for value, n in counts.items())
        first = ", ".join(str(r) for r in rows.head(5).tolist()) + (" …" if len(rows) > 5 else "")
        self.notes.append(f"'{column}': {len(values)} spreadsheet error(s) ({shown}) read as unknown "
                          f"(row {first})")

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
            "record": records(rows),
        }))

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame({c: pd.Series(dtype="int64" if c == "source_row" else "str")
                                 for c in REJECTED_COLUMNS})
        return pd.concat(self.parts, ignore_index=True)


def records(rows: pd.DataFrame) -> list[str]:
    """The contract columns of each rejected row as JSON (personal columns never reach here)."""
    cols = [c for c in rows.columns if not c.startswith("_")]
    text = rows[cols].astype(str).replace({"NaT": "", "nan": "", "<NA>": "", "None": ""})
    return [json.dumps(dict(zip(cols, r, strict=True)), ensure_ascii=False) for r in text.itertuples(index=False)]


#: A quoted value: quotes that are not an apostrophe inside a word (workbook's).
_QUOTED = re.compile(r"(?<![A-Za-z])'([^']*)'(?![A-Za-z])")
_NUMBER = re.compile(r"\b\d(?:[\d.,:\- ]*\d)?\b")  # a number, not the space after it
#: A key's value in a reason (``sku=…``, the ``=`` right after the key's name): up to a
#: separator or the superseded reason's words. A spaced ``'price' = '29,99'`` is no key.
_KEY_VALUE = re.compile(r"(?<=\w)=(?! ).*?(?=, |; |\)| is also in the newer export|$)")
#: A raw file's path (its name may hold spaces and digits), kept whole.
_RAW_PATH = re.compile(r"(data/raw/.*?\.(?:csv|tsv|txt|xlsx|xlsm|xls|json))", re.IGNORECASE)


def reason_kind(reason: str, column: str = "") -> str:
    """A rejection reason without the row's own values, so that alike reasons group together
    (a quoted ``column`` name is kept).

    >>> reason_kind("'amazon' is not one of the workbook's platforms (tmall, jd): add 'amazon' to [store].platforms")
    "'…' is not one of the workbook's platforms (tmall, jd): add '…' to [store].platforms"
    >>> reason_kind("duplicate key (order_id=O2); first seen in data/raw/orders/a.csv row 3")
    'duplicate key (order_id=…); first seen in data/raw/orders/a.csv row …'
    >>> reason_kind("'order_id' has no match in orders.order_id", "order_id")
    "'order_id' has no match in orders.order_id"
    >>> reason_kind("superseded: sku=Mask - Pack of 3 is also in the newer export data/raw/x/May-2022.csv "
    ...             "(as of 2022-05); the newest export wins")
    'superseded: sku=… is also in the newer export data/raw/x/May-2022.csv (as of …); the newest export wins'
    >>> reason_kind("'price' = '29,99' in items.csv row 9 is not a number (`inputs: price` of source 'items')")
    "'…' = '…' in items.csv row … is not a number (`inputs: price` of source '…')"
    """
    text = _QUOTED.sub(lambda m: m.group(0) if column and m.group(1) == column else "'…'", str(reason))
    # A key's value runs to the next separator, spaces and all (an Amazon SKU "… Pack of 3").
    text = _KEY_VALUE.sub("=…", text)
    # A file's name is the same for every row: its digits (May-2022.csv) are kept.
    parts = _RAW_PATH.split(text)
    return "".join(part if k % 2 else _NUMBER.sub("…", part) for k, part in enumerate(parts))


def reason_labels(counted: pd.DataFrame, by: list[str]) -> pd.Series:
    """Each distinct reason as its group says it: the kind of reason (``reason_kind``) that alike
    reasons share, or the reason itself where it is the only one of its ``by`` group and kind
    (it names the fix: the platform to add). A currency cell's reason is always said whole: its
    value is the finding ('Yuan', 'UDS' and '¥' grouped as '…' said none of them), and a sign
    several currencies write has its own fix (wording.is_currency_reason).

    Args:
        counted: one row per distinct ``by`` × ``column`` × ``reason`` (rejected rows counted
            first: a platform not configured rejects millions of rows with one reason).
        by: the columns whose groups a reason is said whole within (``table``, ``column``).
    Returns:
        The labels, aligned with ``counted``.
    """
    kinds = pd.Series([reason_kind(r, c) for r, c in zip(counted["reason"], counted["column"].fillna(""), strict=True)],
                      index=counted.index)
    alone = counted.groupby([*(counted[b] for b in by), kinds], sort=False)["reason"].transform("nunique") == 1
    whole = alone | counted["reason"].map(is_currency_reason).astype(bool)
    return counted["reason"].where(whole, kinds)


def group_reasons(rejected: pd.DataFrame) -> pd.DataFrame:
    """Rejected rows counted by table and kind of reason (:func:`reason_labels`: each superseded
    SKU is not a reason of its own), most rows first.

    Returns:
        table, reason, rows.
    """
    if rejected.empty:
        return pd.DataFrame({"table": pd.Series(dtype="str"), "reason": pd.Series(dtype="str"),
                             "rows": pd.Series(dtype="int64")})
    frame = rejected.assign(column=rejected["column"].fillna("").astype(str) if "column" in rejected else "",
                            reason=rejected["reason"].astype(str))
    counted = frame.groupby(["table", "column", "reason"], sort=False).size().rename("rows").reset_index()
    grouped = (counted.assign(reason=reason_labels(counted, ["table"]))
               .groupby(["table", "reason"], sort=False)["rows"].sum().reset_index())
    grouped = grouped.sort_values(["rows", "table", "reason"], ascending=[False, True, True], kind="stable")
    return grouped[["table", "reason", "rows"]].reset_index(drop=True)
