"""Report packs built by the CLI for the tests: a workbook root whose pack lists chosen
notebooks, the environment that points it at a store, and the two end-to-end packs built
once per session (under a file lock, shared by xdist workers) and read by many tests:

* the fixture pack: the CLI on the small sample store with fixture notebooks, one of which
  raises (tests/fixtures/notebooks: sales, service, broken);
* the real pack: the workbook's own pack (storebook.toml, notebooks/) on the sample store.

conftest.py exposes the two as the session fixtures ``fixture_pack`` and ``real_pack``.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from filelock import FileLock

from storebook import cli
from storebook.engine.config import Config
from support.stores import REPO, TEST_KEY

#: The fixture notebooks (sales, service, broken, quick …) the pack tests run.
FIXTURE_NOTEBOOKS = REPO / "tests" / "fixtures" / "notebooks"
#: The month the end-to-end packs are built for (the sample store's last).
MONTH = "2026-10"


def make_report_root(folder: Path, pack: list[str], timeout: int | None = None) -> Path:
    """A workbook root whose [report] pack lists ``pack`` (storebook.toml otherwise the repo's)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (REPO / "storebook.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^pack = .*$", f"pack = {json.dumps(pack)}", text)
    if timeout is not None:
        text = re.sub(r"(?m)^timeout_seconds = .*$", f"timeout_seconds = {timeout}", text)
    (folder / "storebook.toml").write_text(text, encoding="utf-8")
    (folder / "outputs").mkdir(exist_ok=True)
    return folder


def report_env(root: Path, processed: Path, notebooks: Path = FIXTURE_NOTEBOOKS) -> dict[str, str]:
    """Environment for the CLI: the root above, someone else's processed data, fixture notebooks."""
    return {
        "STOREBOOK_ROOT": str(root),
        "STOREBOOK_PROCESSED": str(processed),
        "STOREBOOK_NOTEBOOKS": str(notebooks),
        "STOREBOOK_OUTPUTS": str(root / "outputs"),
        "STOREBOOK_HASH_KEY": TEST_KEY,
    }


def run_cli(argv: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """``storebook <argv>`` in this process; returns exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def _code_digest() -> str:
    """The package, notebooks, config and fixtures a pack is built from."""
    digest = hashlib.sha256()
    for path in sorted([*(REPO / "lib").rglob("*.py"), *(REPO / "notebooks").glob("*.ipynb"),
                        *(REPO / "tests" / "fixtures").rglob("*"), REPO / "storebook.toml"]):
        if path.is_file():
            digest.update(path.relative_to(REPO).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def build_once(tmp_path_factory: pytest.TempPathFactory, name: str, build) -> Path:
    """Build a pack once, shared by xdist workers (like conftest's sample store).

    Keyed on the code it is built from: outside xdist the base folder outlives the session,
    and a pack built by yesterday's code must not stand in for today's.
    """
    shared = tmp_path_factory.getbasetemp().parent
    target = shared / f"{name}-{_code_digest()}"
    with FileLock(str(shared / f"{name}.lock")):
        if not (target / "built.json").is_file():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            info = build(target)
            (target / "built.json").write_text(json.dumps(info), encoding="utf-8")
    return target


def real_pack_notebooks() -> list[str]:
    """The workbook's own pack: storebook.toml's [report] pack."""
    return Config.load(REPO).report_pack


def build_fixture_pack(sample_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The CLI run once on the sample store: sales, service and broken (which raises).

    Returns:
        The run (``code``, ``stdout``, ``stderr``, ``seconds``), its ``outputs`` folder, the
        month's ``pack`` folder and its ``run`` record (run.json).
    """

    def build(target: Path) -> dict:
        root = make_report_root(target / "wb", ["sales", "service", "broken"])
        outputs = root / "outputs"
        (outputs / "2026-09" / "en").mkdir(parents=True)
        (outputs / "2026-09" / "en" / "index.html").write_text("<html>September</html>", encoding="utf-8")
        (outputs / MONTH / "en").mkdir(parents=True)
        (outputs / MONTH / "en" / "stale.html").write_text("the pack before", encoding="utf-8")
        started = time.perf_counter()
        code, out, err = run_cli(["report", "--month", MONTH, "--jobs", "2"],
                                 report_env(root, sample_root / "data" / "processed"))
        return {"code": code, "stdout": out, "stderr": err, "seconds": time.perf_counter() - started}

    target = build_once(tmp_path_factory, "report-fixture-pack", build)
    info = json.loads((target / "built.json").read_text(encoding="utf-8"))
    info["outputs"] = target / "wb" / "outputs"
    info["pack"] = target / "wb" / "outputs" / MONTH / "en"
    info["run"] = json.loads((info["pack"] / "run.json").read_text(encoding="utf-8"))
    return info


def build_real_pack(sample_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The workbook's own pack (storebook.toml, notebooks/) on the sample store, two kernels.

    Returns:
        The run (``code``, ``stdout``, ``stderr``, ``seconds``) and the month's ``pack`` folder.
    """
    missing = [n for n in real_pack_notebooks() if not (REPO / "notebooks" / f"{n}.ipynb").is_file()]
    # A pack entry without its notebook is a broken pack, not a reason to test less.
    assert not missing, f"storebook.toml lists notebooks/{missing[0]}.ipynb, which is not in the repository"

    def build(target: Path) -> dict:
        root = make_report_root(target / "wb", real_pack_notebooks())
        started = time.perf_counter()
        code, out, err = run_cli(["report", "--month", MONTH, "--jobs", "2"],
                                 report_env(root, sample_root / "data" / "processed", REPO / "notebooks"))
        return {"code": code, "stdout": out, "stderr": err, "seconds": time.perf_counter() - started}

    target = build_once(tmp_path_factory, "report-real-pack", build)
    info = json.loads((target / "built.json").read_text(encoding="utf-8"))
    info["pack"] = target / "wb" / "outputs" / MONTH / "en"
    return info
