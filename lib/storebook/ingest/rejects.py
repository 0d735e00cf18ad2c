"""Rejected rows as ingest records them: table, file, row, column, value, reason, record."""

from __future__ import annotations

import json

import pandas as pd

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
