"""One open workbook's DuckDB is capped (``[engine] memory_limit``) and spills to a folder of its own."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import storebook
from storebook.engine.config import Config, ConfigError
from storebook.engine.workbook import SPILL_PREFIX, _host, remove_dead_spill_folders
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
    # Named for this machine and process: a later workbook removes it if the process was killed.
    assert all(p.name.startswith(f"{SPILL_PREFIX}{_host()}-{os.getpid()}-") for p in spill)
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


def test_the_spill_folders_of_killed_processes_are_removed_and_no_others(tmp_path: Path) -> None:
    """A killed kernel leaves its spill folder (and what DuckDB spilled into it); the next
    workbook on the machine removes it. A running process's folder, another machine's and a
    folder named otherwise stay."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead = tmp_path / f"{SPILL_PREFIX}{_host()}-{gone.stdout.strip()}-abc"
    (dead / "spilled").mkdir(parents=True)
    (dead / "spilled" / "duckdb_temp_block-1.block").write_bytes(b"x" * 1024)
    alive = tmp_path / f"{SPILL_PREFIX}{_host()}-{os.getpid()}-def"
    other_machine = tmp_path / f"{SPILL_PREFIX}elsewhere_{_host()}-{gone.stdout.strip()}-ghi"
    older_name = tmp_path / f"{SPILL_PREFIX}k2x9_q"
    for folder in (alive, other_machine, older_name):
        folder.mkdir()
    assert remove_dead_spill_folders(tmp_path) == [dead]
    assert not dead.exists() and alive.is_dir() and other_machine.is_dir() and older_name.is_dir()
    assert remove_dead_spill_folders(tmp_path / "not_there") == []


@pytest.mark.slow
def test_opening_a_workbook_removes_a_killed_processs_spill_folder(tiny: Path) -> None:
    ingest(Config.load(tiny), now=datetime(2026, 11, 27, 12))
    _configure(tiny, temp_directory="spill")
    killed = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    left = tiny / "spill" / f"{SPILL_PREFIX}{_host()}-{killed.pid}-xyz"
    left.mkdir(parents=True)
    killed.kill()
    killed.wait()
    storebook.open(root=tiny)
    assert not left.exists()
