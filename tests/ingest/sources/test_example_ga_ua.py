"""The ga_ua_sales_performance example (examples/ga_ua_sales_performance/): a Universal
Analytics "Sales Performance" workbook gives no table of the contract (its transactions carry
no date, its days no visitors), so the example declares it not read, with why, and the store's
other files are read. On a workbook written here in the published layout (title sheet, two
Dataset sheets with a totals row) and on the public Google Merchandise Store download."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from storebook.engine.config import Config
from storebook.errors import IngestError
from storebook.ingest import ingest
from support.mapping import install, realdata_folder
from support.sources import EN, manifest

FOLDER = "ga_ua_google_merch_store_as1466-Individual-Project-1"
NAME = "Analytics 1 Master View Sales Performance 20230501-20230630.xlsx"


def _workbook(path: Path) -> Path:
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    for row in (["1 Master View"], ["Sales Performance"], ["20230501-20230630"], [], ["Links to data:"]):
        summary.append(row)
    transactions = book.create_sheet("Dataset1")
    transactions.append(["Transaction ID", "Device Category", "Revenue", "Tax", "Shipping", "Refund Amount",
                         "Quantity"])
    transactions.append([501072, "desktop", 4979, 473.86, 8.5, 0, 151])
    transactions.append([None, None, 4979, 473.86, 8.5, 0, 151])            # the totals row
    days = book.create_sheet("Dataset2")
    days.append(["Day Index", "Revenue"])
    days.append([45047, 4979])
    days.append([None, 4979])
    book.save(path)
    return path


def _orders(root: Path) -> None:
    target = root / "data" / "raw" / "orders"
    target.mkdir(parents=True)
    (target / "orders.csv").write_text(
        "order_id,platform,ordered_at,paid_at,status,paid_amount\n"
        "O1,web,2026-10-02 10:00:00,2026-10-02 10:01:00,completed,25.00\n", encoding="utf-8")


@pytest.mark.parametrize("real", [False, True], ids=["fixture", "real file"])
def test_the_sales_performance_workbook_is_not_read_and_says_why(root: Path, tmp_path: Path, real: bool) -> None:
    path = realdata_folder(FOLDER) / NAME if real else _workbook(tmp_path / NAME)
    install(root, "ga_ua_sales_performance", [path], folder="ga")
    _orders(root)
    report = ingest(Config.load(root))
    listed = {Path(f["path"]).name: f["why"] for f in manifest(root)["not_read"]}
    assert list(listed) == [NAME] and "no date" in listed[NAME] and "no visitors" in listed[NAME]
    assert report.rows_rejected == 0 and {f.table for f in report.files} == {"orders"}
    assert f"not read: data/raw/ga/{NAME}" in report.summary(EN)


def test_the_workbook_alone_stops_the_ingest_saying_so(root: Path, tmp_path: Path) -> None:
    install(root, "ga_ua_sales_performance", [_workbook(tmp_path / NAME)], folder="ga")
    with pytest.raises(IngestError, match="every raw file is declared not read"):
        ingest(Config.load(root))


def test_without_the_example_the_workbook_stops_the_ingest(root: Path, tmp_path: Path) -> None:
    """What the declaration changes: undeclared, nothing recognises the workbook."""
    target = root / "data" / "raw" / "ga"
    target.mkdir(parents=True)
    _workbook(target / NAME)
    with pytest.raises(IngestError, match="no source recognises this file"):
        ingest(Config.load(root))
