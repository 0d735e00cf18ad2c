"""Where a workbook's relative data_path points: the project folder (where storebook.toml
is), as storebook.toml's own paths do — not the folder a notebook runs in (notebooks/)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import storebook
from storebook.engine.config import Config
from storebook.errors import NoDataError
from storebook.ingest import ingest


def test_relative_data_path_is_the_projects_not_the_current_folder(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(Config.load(tiny), now=datetime(2026, 11, 27))
    notebooks = tiny / "notebooks"
    notebooks.mkdir()
    monkeypatch.chdir(notebooks)  # where papermill runs a report notebook
    wb = storebook.open("data/processed")
    assert wb.tables()[:2] == ["suppliers", "products"]
    # Read from the current folder, the same words would name notebooks/data/processed: empty.
    with pytest.raises(NoDataError, match=str(tiny / "data" / "nothing")):
        storebook.open("data/nothing")
