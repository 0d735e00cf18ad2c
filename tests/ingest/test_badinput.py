"""The bad-input corpus (tests/badinput/README.md): each case is a folder of raw files and a
``case.toml`` with the exact outcome — a stop (file, row, column, message fragments) or an
ingest (per file read = written + rejected, every rejection with its row, column and reason,
values in the processed tables). Raw files must be byte-identical afterwards."""

from __future__ import annotations

import hashlib
import os
import shutil
import tomllib
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO, TEST_KEY, make_root, tables_dir
from storebook.engine.config import Config
from storebook.errors import IngestError
from storebook.ingest import ingest, read_rejected
from storebook.report.text import Text
from support.files import write_xlsx_bomb

CORPUS = REPO / "tests" / "badinput"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.toml").is_file())
NOW = datetime(2026, 11, 27, 12, 0, 0)
#: Keys a case.toml may hold (a typo must not make a case pass by asserting nothing).
CASE_KEYS = {"about", "now", "make", "stop", "ingest"}
STOP_KEYS = {"file", "row", "column", "contains", "absent"}
INGEST_KEYS = {"files", "rejected", "values"}


def _make(root: Path, item: dict) -> None:
    """Create what a case cannot hold as a plain file: a link, a pipe, a big or repeated file,
    a workbook."""
    path = root / "data" / "raw" / item["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = item["kind"]
    if kind == "symlink":
        target = item["target"].replace("{outside}", str(root / "outside"))
        if target.startswith(str(root / "outside")):
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_text(item.get("content", "secret,do-not-show\n"), encoding="utf-8")
        os.symlink(target, path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "repeat":
        text = item.get("head", "") + item["body"] * int(item["times"]) + item.get("tail", "")
        path.write_bytes(text.encode(item.get("encoding", "utf-8")))
    elif kind == "xlsx":
        _write_xlsx(path, item)
    elif kind == "xlsx_bomb":
        write_xlsx_bomb(path, item)
    else:
        raise ValueError(f"unknown make kind {kind!r} in a case.toml")


def _write_xlsx(path: Path, item: dict) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for number, sheet in enumerate(item["sheets"]):
        ws = book.create_sheet(sheet["name"])
        for row in sheet.get("rows", []):
            ws.append(row)
        repeat = item.get("repeat")
        if repeat and repeat.get("sheet", 0) == number:
            for _ in range(int(repeat["times"])):
                ws.append(repeat["row"])
    book.save(path)


def _raw_state(root: Path) -> dict[str, tuple[str, int] | str]:
    """Every entry under data/raw: a file's hash and mtime, a link's target (not followed)."""
    state: dict[str, tuple[str, int] | str] = {}
    raw = root / "data" / "raw"
    for folder, dirs, files in os.walk(raw):
        for name in dirs + files:
            path = Path(folder) / name
            rel = path.relative_to(raw).as_posix()
            if path.is_symlink():
                state[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                state[rel] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            elif not path.is_dir():
                state[rel] = "special"
    return state


@pytest.fixture
def case_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def build(name: str) -> tuple[Path, dict]:
        folder = CORPUS / name
        spec = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
        assert set(spec) <= CASE_KEYS, f"{name}: unknown keys {set(spec) - CASE_KEYS}"
        assert ("stop" in spec) != ("ingest" in spec), f"{name}: a case expects a stop or an ingest"
        root = make_root(tmp_path / "wb")
        monkeypatch.setenv("STOREBOOK_ROOT", str(root))
        monkeypatch.setenv("STOREBOOK_HASH_KEY", TEST_KEY)
        for var in ("STOREBOOK_RAW", "STOREBOOK_PROCESSED", "STOREBOOK_OUTPUTS"):
            monkeypatch.delenv(var, raising=False)
        if (folder / "raw").is_dir():
            shutil.copytree(folder / "raw", root / "data" / "raw", dirs_exist_ok=True)
        for extra in ("storebook.local.toml", "storebook.sources.yaml"):
            if (folder / extra).is_file():
                shutil.copy(folder / extra, root / extra)
        for item in spec.get("make", []):
            _make(root, item)
        return root, spec

    return build


@pytest.mark.parametrize("name", CASES)
def test_case(name: str, case_root) -> None:
    root, spec = case_root(name)
    now = datetime.fromisoformat(spec["now"]) if "now" in spec else NOW
    before = _raw_state(root)
    if "stop" in spec:
        _check_stop(root, spec["stop"], now)
    else:
        _check_ingest(root, spec["ingest"], now)
    assert _raw_state(root) == before, "raw files changed"


def _check_stop(root: Path, expected: dict, now: datetime) -> None:
    assert set(expected) <= STOP_KEYS, set(expected) - STOP_KEYS
    with pytest.raises(IngestError) as err:
        ingest(Config.load(root), now=now)
    message = str(err.value)
    problems = err.value.problems
    label = expected["file"]
    hits = [p for p in problems if p.path.endswith(label)]
    assert len(hits) == 1, f"no single problem for {label}: {message}"
    problem = hits[0]
    assert problem.row == expected.get("row"), message
    assert problem.column == expected.get("column"), message
    for fragment in expected.get("contains", []):
        assert fragment in str(problem), f"{fragment!r} not in: {problem}"
    for fragment in expected.get("absent", []):
        assert fragment not in message, f"{fragment!r} must not be shown: {message}"
    assert "What to do:" in str(problem)
    # The same stop in Chinese (`storebook ingest --lang zh`): from the catalogue, naming the same
    # file, row and column, with what was expected and what to do.
    assert problem.key is not None, f"no catalogue key, so English only in Chinese: {problem}"
    said = problem.said(Text("zh"))
    assert said.startswith(problem.path + ("，第 " if problem.row is not None else "，字段 " if problem.column
                                           else "：")), said
    if problem.row is not None:
        assert f"，第 {problem.row} 行" in said, said
    if problem.column:
        assert f"字段 '{problem.column}'" in said, said
    assert "应为：" in said and "处理办法：" in said and "Expected" not in said and "What to do" not in said, said
    assert not [p for p in (root / "data" / "processed").rglob("_ingest.json")], "a stopped ingest published tables"


def _check_ingest(root: Path, expected: dict, now: datetime) -> None:
    assert set(expected) <= INGEST_KEYS, set(expected) - INGEST_KEYS
    report = ingest(Config.load(root), now=now)
    by_path = {(f.path, f.table): f for f in report.files}
    for f in report.files:  # the promise of ingest, for every file of every case
        assert f.rows_read == f.rows_written + f.rows_rejected, f
    for want in expected.get("files", []):
        matches = [f for (path, _), f in by_path.items() if path == want["path"]]
        assert len(matches) == 1, f"{want['path']} not reported once: {list(by_path)}"
        got = matches[0]
        assert (got.rows_read, got.rows_written, got.rows_rejected) == (want["read"], want["written"],
                                                                       want["rejected"]), got
        if "encoding" in want:
            assert got.encoding == want["encoding"], got
        for fragment in want.get("notes_contain", []):
            assert any(fragment in n for n in got.notes), (fragment, got.notes)
    rejected = read_rejected(Config.load(root))
    got_rows = sorted((r.source_file, int(r.source_row), r.column, r.reason) for r in rejected.itertuples())
    want_rows = sorted((r["file"], r["row"], r["column"], r["reason"]) for r in expected.get("rejected", []))
    assert got_rows == want_rows
    for r in expected.get("rejected", []):
        if "value" in r:
            hit = rejected[(rejected["source_file"] == r["file"]) & (rejected["source_row"] == r["row"])]
            assert hit["value"].tolist() == [r["value"]]
    for v in expected.get("values", []):
        table = pd.read_parquet(tables_dir(root) / v["table"])
        mask = pd.Series(True, index=table.index)
        for column, value in v["where"].items():
            mask &= table[column].astype(str) == str(value)
        assert mask.sum() == 1, (v, table)
        value = table.loc[mask, v["column"]].iloc[0]
        if "equals" in v:
            want = v["equals"]
            if isinstance(want, float):
                assert value == pytest.approx(want), (v, value)
            else:
                assert str(value) == str(want), (v, value)
        if "length" in v:
            assert len(str(value)) == v["length"], (v, len(str(value)))


def test_the_corpus_is_large_enough_and_documented() -> None:
    """A corpus a newcomer can extend: at least 50 cases, each saying what it is about."""
    assert len(CASES) >= 50, len(CASES)
    for name in CASES:
        spec = tomllib.loads((CORPUS / name / "case.toml").read_text(encoding="utf-8"))
        assert spec.get("about"), f"{name}: say in `about` what real situation the case stands for"
    assert (CORPUS / "README.md").is_file()
