"""Spreadsheet errors in an export (a file edited in Excel: `#REF!`, `#N/A`, `#VALUE!` …): no
value. An optional column is left unknown and its row kept; a required one rejects its row with
the error named (the Amazon India seller reports of ../shared/realdata carry `#VALUE!` and
`#REF!`, a SKU among them)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from storebook.engine.config import Config
from storebook.engine.schema import ColumnSpec
from storebook.ingest import ingest, parsing
from support.sources import rejected, table
from support.stores import tiny_rows, write_csv


class _Rejects:
    def __init__(self) -> None:
        self.added: list[tuple[list[int], list[str]]] = []
        self.unknowns: list[tuple[str, list[str], list[int]]] = []

    def unknown(self, frame, mask, column, values) -> None:  # noqa: ANN001
        self.unknowns.append((column, values[mask].tolist(), frame.loc[mask, "_source_row"].tolist()))

    def add(self, table, frame, mask, column, reason, values=None) -> None:  # noqa: ANN001
        if mask.any():
            why = [reason] * int(mask.sum()) if isinstance(reason, str) else reason[mask].tolist()
            self.added.append((mask[mask].index.tolist(), why))


def _parse(kind: str, values: list[str], nullable: bool, unknowns: list | None = None) -> tuple[list, list[bool], list]:
    text = pd.Series(values, dtype="str")
    frame = pd.DataFrame({"c": text, "_source_file": "f.csv", "_source_row": range(2, len(values) + 2)})
    rejects = _Rejects()
    spec = ColumnSpec(name="c", kind=kind, nullable=nullable, description="", zh="", unit="")
    got, ok = parsing.parse_column("t", spec, text, frame, rejects)
    if unknowns is not None:
        unknowns += rejects.unknowns
    return [None if pd.isna(v) else v for v in got.tolist()], ok.tolist(), rejects.added


@pytest.mark.parametrize(("kind", "values", "expected"), [
    ("str", ["A1", "#N/A", " #REF! ", "#1 best"], ["A1", None, None, "#1 best"]),
    ("float", ["12.5", "#VALUE!", "#DIV/0!"], [12.5, None, None]),
    ("Int64", ["#NUM!", "3"], [None, 3]),
    ("date", ["2026-06-01", "#N/A"], [pd.Timestamp("2026-06-01"), None]),
])
def test_an_optional_column_leaves_a_spreadsheet_error_unknown(kind: str, values: list, expected: list) -> None:
    unknowns: list = []
    got, ok, added = _parse(kind, values, nullable=True, unknowns=unknowns)
    assert got == expected and all(ok) and added == []
    errors = [v.strip() for v in values if v.strip() in parsing.EXCEL_ERRORS]
    rows = [i + 2 for i, v in enumerate(values) if v.strip() in parsing.EXCEL_ERRORS]
    assert unknowns == [("c", errors, rows)]  # the file's note names them


def test_a_required_column_rejects_a_spreadsheet_error_naming_it() -> None:
    got, ok, added = _parse("str", ["A1", "#REF!", "", "#N/A"], nullable=False)
    assert ok == [True, False, False, False]
    (error_rows, error_why), (empty_rows, empty_why) = added
    assert error_rows == [1, 3] and empty_rows == [2]
    assert error_why[0] == ("'c' is #REF!, a spreadsheet error (a broken reference), not a value; fix the formula "
                            "in the export, or leave the cell empty where the value is unknown")
    assert "#N/A" in error_why[1] and "a look-up that found nothing" in error_why[1]
    assert empty_why == ["column 'c' is empty; a value is required"]


def test_a_column_without_errors_is_parsed_as_before() -> None:
    """A leading # that is not an error (a product name, a hashtag) is a value."""
    assert parsing._excel_errors(pd.Series(["#1 best", "#REF", "A#REF!", "x"], dtype="str")) is None


def test_an_export_with_spreadsheet_errors_keeps_its_rows_with_the_values_unknown(root: Path) -> None:
    rows = tiny_rows()
    products = [dict(p) for p in rows["products"]]
    products[0]["category"] = "#N/A"        # a look-up that found nothing: category unknown
    products[1]["unit_cost"] = "#VALUE!"     # a failed formula: cost unknown
    products.append({**products[0], "sku": "#REF!"})  # a broken reference where the SKU should be
    for name, table_rows in rows.items():
        write_csv(root, name, f"{name}.csv", products if name == "products" else table_rows)
    report = ingest(Config.load(root), now=datetime(2026, 11, 27, 12, 0))
    kept = table(root, "products").set_index("sku")
    assert len(kept) == len(rows["products"])
    assert pd.isna(kept.loc[products[0]["sku"], "category"]) and pd.isna(kept.loc[products[1]["sku"], "unit_cost"])
    assert "#REF!" not in kept.index
    notes = [n for f in report.files if f.table == "products" for n in f.notes]
    # (Row 4, the #REF! SKU's copy of row 2, is rejected for its SKU: its category is counted all the same.)
    assert "'category': 2 spreadsheet error(s) (#N/A ×2) read as unknown (row 2, 4)" in notes
    assert "'unit_cost': 1 spreadsheet error(s) (#VALUE!) read as unknown (row 3)" in notes
    out = rejected(root)
    (reason,) = out.loc[out["table"] == "products", "reason"].tolist()
    assert reason.startswith("'sku' is #REF!, a spreadsheet error (a broken reference)")
