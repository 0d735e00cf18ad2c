"""One open workbook's DuckDB is capped (``[engine] memory_limit``) and spills to a folder of its own."""

from __future__ import annotations

import gc
import re
from datetime import datetime
from pathlib import Path

import pytest

import storebook
from storebook.engine.config import Config, ConfigError
from storebook.ingest import ingest


def _setting(wb: storebook.Workbook, name: str) -> str:
    return wb.con.raw_sql(f"SELECT current_setting('{name}')").fetchall()[0][0]


def _configure(root: Path, **engine: str) -> None:
    text = (root / "storebook.toml").read_text(encoding="utf-8")
    for key, value in engine.items():
        text = re.sub(rf"(?m)^{key} = .*$", f'{key} = "{value}"', text)
    (root / "storebook.toml").write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_workbook_duckdb_is_capped_and_spills_to_its_own_folder(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(Config.load(tiny), now=datetime(2026, 11, 27, 12))
    _configure(tiny, memory_limit="300MB", temp_directory="spill")
    monkeypatch.delenv("STOREBOOK_DUCKDB_MEMORY", raising=False)
    first, second = storebook.open(root=tiny), storebook.open(root=tiny)
    assert _setting(first, "memory_limit") == "286.1 MiB"  # 300 MB as DuckDB prints it
    spill = [Path(_setting(wb, "temp_directory")) for wb in (first, second)]
    assert spill[0] != spill[1] and all(p.parent == tiny / "spill" and p.is_dir() for p in spill)
    assert first.con.raw_sql("SELECT count(*) FROM range(10)").fetchall() == [(10,)]
    first.con.disconnect()
    del first
    gc.collect()
    assert not spill[0].exists() and spill[1].exists()  # a workbook's folder goes with it
    monkeypatch.setenv("STOREBOOK_DUCKDB_MEMORY", "1GB")
    assert _setting(storebook.open(root=tiny), "memory_limit") == "953.6 MiB"


def test_a_memory_limit_that_is_not_a_size_names_the_setting(root: Path) -> None:
    _configure(root, memory_limit="lots")
    with pytest.raises(ConfigError, match=r"\[engine\] memory_limit"):
        Config.load(root)
