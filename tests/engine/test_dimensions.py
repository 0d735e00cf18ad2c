"""The catalogue as the reports join it (storebook.engine.dimensions): every row of the
facts kept, a SKU the catalogue does not list (or every SKU where a store has no catalogue)
in the unknown category, named by its SKU, at an unknown cost."""

from __future__ import annotations

import math
from pathlib import Path

import ibis
import pandas as pd

from storebook.engine import dimensions
from support.stores import write_tables

SOLD = pd.DataFrame({"sku": ["A", "B", "A", "Z"], "quantity": [1, 2, 3, 4]})


def _by_sku(wb, *columns: str) -> pd.DataFrame:
    joined = dimensions.attach(wb, ibis.memtable(SOLD), *columns)
    return wb.execute(joined).sort_values(["sku", "quantity"]).reset_index(drop=True)


def test_attach_keeps_every_row_and_fills_what_the_catalogue_does_not_say(tmp_path: Path) -> None:
    wb = write_tables(tmp_path, products=[
        {"sku": "A", "product_name": "Mug", "category": "kitchen", "unit_cost": 4.0},
        {"sku": "B", "product_name": None, "category": None, "unit_cost": None},  # listed, nothing known
    ])
    out = _by_sku(wb, "product_name", "category", "unit_cost")
    assert list(out.columns) == ["sku", "quantity", "product_name", "category", "unit_cost"]
    assert out["quantity"].tolist() == [1, 3, 2, 4]  # Z, not in the catalogue, is kept
    assert out["product_name"].tolist() == ["Mug", "Mug", "B", "Z"]
    assert out["category"].tolist() == ["kitchen", "kitchen", dimensions.UNKNOWN, dimensions.UNKNOWN]
    assert out["unit_cost"].iloc[:2].tolist() == [4.0, 4.0]
    assert all(math.isnan(c) for c in out["unit_cost"].iloc[2:])


def test_attach_without_a_catalogue_names_every_sku_by_itself(tmp_path: Path) -> None:
    wb = write_tables(tmp_path, orders=[{"order_id": "O1", "platform": "tmall", "ordered_at": "2026-03-02 10:00"}])
    with wb.reading() as read:  # the read is recorded: the section says the catalogue is missing
        assert dimensions.listed(wb, "category") is None
    assert read == ["products"]
    out = _by_sku(wb, "product_name", "category", "unit_cost")
    assert out["product_name"].tolist() == ["A", "A", "B", "Z"]
    assert set(out["category"]) == {dimensions.UNKNOWN}
    assert out["unit_cost"].isna().all() and out["unit_cost"].dtype == "float64"


def test_catalogue_without_a_products_table_is_an_empty_frame_of_the_columns_types(tmp_path: Path) -> None:
    wb = write_tables(tmp_path, orders=[{"order_id": "O1", "platform": "tmall", "ordered_at": "2026-03-02 10:00"}])
    frame = dimensions.catalogue(wb, "category", "unit_cost", "is_active")
    assert frame.empty and list(frame.columns) == ["sku", "category", "unit_cost", "is_active"]
    assert str(frame["unit_cost"].dtype) == "float64" and str(frame["is_active"].dtype) == "bool"
