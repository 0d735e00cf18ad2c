"""Report kernels forked from a template that did the imports (storebook.report.kernels).

A forked kernel must start with the imports done and nothing else: what one notebook sets
(module state, chart style, currency, environment) must not reach the next one. Both
notebooks run through the real pack (papermill, nbclient, jupyter_client) on the tiny store.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, TEST_KEY
from storebook.engine.config import Config
from storebook.report.pack import run_report
from storebook.report.results import read_results

PARAMETERS = 'month = None\nplatforms = None\ndata_path = None\nlanguage = "en"'
# Runs first: what was imported before the notebook's own code (a fork of the template has pandas).
# It then waits half a second: a kernel started ahead while it runs would be seen as started then.
FIRST_CELL = ('import sys, time\npreloaded = "pandas" in sys.modules and "storebook.areas.traffic" in sys.modules\n'
              'time.sleep(0.5)')
LEAVE_STATE = """
import os, time, matplotlib, storebook
from storebook.report.results import record
from storebook.report.text import currency_symbol, use_currency
seen = {"pid": os.getpid(), "ppid": os.getppid(), "preloaded": preloaded,
        "left_behind": hasattr(storebook, "_left_behind"), "titlesize": matplotlib.rcParams["axes.titlesize"],
        "currency": currency_symbol(), "env": os.environ.get("STOREBOOK_LEFT_BEHIND"), "blas": os.environ.get("OPENBLAS_NUM_THREADS"),
        # When this kernel's process started and this cell ran, in seconds since boot (Linux's clock
        # of /proc; time.time() against psutil's create_time can be off by a second).
        "created": int(open("/proc/self/stat").read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK"),
        "at": time.clock_gettime(time.CLOCK_BOOTTIME)}
use_currency("USD")
matplotlib.rcParams["axes.titlesize"] = 99
storebook._left_behind = True
os.environ["STOREBOOK_LEFT_BEHIND"] = "1"
record("NAME.headline", [{"key": "one", "label": "One", "value": 1.0, "unit": "count", "vs_prior": None, "vs_last_year": None}])
record("NAME.seen", seen)
"""

# pyplot's inline backend must still hook into a forked kernel's shell.
PYPLOT = ("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()\n"
          'record("NAME.last", {"at": time.clock_gettime(time.CLOCK_BOOTTIME)})')


def _write_notebook(folder: Path, name: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell(PARAMETERS)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(FIRST_CELL),
                nbformat.v4.new_code_cell(LEAVE_STATE.strip().replace("NAME", name)),
                nbformat.v4.new_code_cell(PYPLOT.replace("NAME", name))]
    nbformat.write(nb, str(folder / f"{name}.ipynb"))


def _run_two(tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: str) -> tuple[dict, dict]:
    """The notebooks ``first`` then ``second`` in one pack (one job, so one after the other)."""
    from storebook.ingest import ingest

    ingest(Config.load(tiny))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("first", "second"):
        _write_notebook(notebooks, name)
    root = tmp_path / "reports"
    root.mkdir()
    text = (REPO / "storebook.toml").read_text(encoding="utf-8")
    (root / "storebook.toml").write_text(re.sub(r"(?m)^pack = .*$", 'pack = ["first", "second"]', text),
                                         encoding="utf-8")
    for key, value in {"STOREBOOK_ROOT": str(root), "STOREBOOK_PROCESSED": str(tiny / "data" / "processed"),
                       "STOREBOOK_NOTEBOOKS": str(notebooks), "STOREBOOK_OUTPUTS": str(root / "outputs"),
                       "STOREBOOK_HASH_KEY": TEST_KEY, "STOREBOOK_FORK_KERNELS": fork}.items():
        monkeypatch.setenv(key, value)
    result = run_report(Config.load(), month="2025-03", jobs=1, progress=False)
    assert result.exit_code == 0, [(r.name, r.error) for r in result.reports]
    first, second = ({**read_results(result.directory / f"{n}.ipynb")[f"{n}.seen"],
                      "last_at": read_results(result.directory / f"{n}.ipynb")[f"{n}.last"]["at"]}
                     for n in ("first", "second"))
    for name in ("first", "second"):
        last = nbformat.read(str(result.directory / f"{name}.ipynb"), as_version=4).cells[-1]
        assert [o for o in last.outputs if "image/png" in o.get("data", {})], f"{name}: plt.show() showed nothing"
    return first, second


@pytest.mark.slow
def test_forked_kernels_start_imported_and_share_no_state(tiny: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _run_two(tiny, tmp_path, monkeypatch, fork="1")
    # Both are forks of the template: imports done, siblings of one parent that is not this process.
    assert first["preloaded"] and second["preloaded"], (first, second, os.getpid())
    assert first["pid"] != second["pid"]
    assert first["ppid"] == second["ppid"] != os.getpid()
    # What the first notebook changed, the second never sees.
    assert second["left_behind"] is False
    assert second["titlesize"] == first["titlesize"] != 99
    assert second["currency"] == first["currency"] == "¥"
    assert second["env"] is None
    # Small least-squares problems run on one BLAS thread (storebook/__init__.py).
    assert second["blas"] == "1"
    # The second notebook's kernel was started while the first ran its last section, the cell
    # that records "at" (pack._SpareKernel): not before it, so that a waiting kernel does not
    # hold memory through the first's heavy sections, and before its last cell, so that it was
    # ready when its notebook came.
    assert first["created"] < first["at"] - 0.05 < second["created"] < first["last_at"], (first, second)


@pytest.mark.slow
def test_without_forking_kernels_start_the_ordinary_way(tiny: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _run_two(tiny, tmp_path, monkeypatch, fork="0")
    assert not first["preloaded"] and not second["preloaded"]
    assert first["ppid"] == second["ppid"] == os.getpid()  # children of the pack's process
    assert second["left_behind"] is False and second["env"] is None


def _in_fresh_python(code: str) -> subprocess.CompletedProcess:
    """``code`` run by a new interpreter of this venv with the project's lib first (what it
    imports is then its own, not what this test session imported before)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "lib")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)


def test_a_report_kernel_imports_no_scipy_stats_seaborn_pandera_or_statsmodels() -> None:
    # What every notebook imports (storebook and each short name) must leave the heavy
    # libraries to the few functions that use them: each costs about a second per kernel.
    code = ("import sys, storebook\n"
            "for name in storebook.SHORT_NAMES: getattr(storebook, name)\n"
            "from storebook.engine import schema; schema.TABLE_NAMES\n"
            "print(sorted(m for m in ('scipy.stats', 'seaborn', 'pandera', 'statsmodels', 'pyspark') if m in sys.modules))")
    out = _in_fresh_python(code)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_the_notebooks_that_took_longest_last_time_start_first(tmp_path: Path) -> None:
    import json
    from types import SimpleNamespace

    from storebook.report.pack import _longest_first

    plan = SimpleNamespace(out_root=tmp_path, lang="en", notebooks={n: None for n in ["a", "b", "c", "d", "e"]})
    assert _longest_first(plan) == ["a", "b", "c", "d", "e"]  # no earlier pack: the plan's order
    older, newer = tmp_path / "2026-09" / "en", tmp_path / "2026-10" / "en"
    for folder, seconds in ((older, {"a": 1.0, "b": 99.0}), (newer, {"b": 2.0, "d": 30.0, "c": 5.5, "x": 70.0})):
        folder.mkdir(parents=True)
        (folder / "run.json").write_text(json.dumps({"notebooks": {k: {"seconds": v} for k, v in seconds.items()}}))
    os.utime(older / "run.json", (1, 1))  # the newest pack's times count
    assert _longest_first(plan) == ["d", "c", "b", "a", "e"]
    (newer / "run.json").write_text("{not json")
    assert _longest_first(plan) == ["a", "b", "c", "d", "e"]


def test_the_template_imports_what_a_kernel_imports_when_it_is_created_and_starts_no_thread() -> None:
    # ipykernel imports its kernel and debugger modules (debugpy, pydevd) only when a kernel is
    # created: imported in the template, no forked kernel imports them again. A thread in the
    # template would make every fork refuse.
    # The debugger itself is not there: a pack's kernel is never debugged, and its import
    # (debugpy, pydevd) was 0.04-0.06 s of the template's before the first kernel started.
    code = ("import sys, threading\n"
            "from storebook.report import kernels\n"
            "kernels._preload()\n"
            "from ipykernel import debugger\n"
            "print(sorted(m for m in ('ipykernel.ipkernel', 'ipykernel.zmqshell', 'ipykernel.debugger', "
            "'scipy.special', 'storebook.areas.traffic', 'storebook.report.plots') if m not in sys.modules), threading.active_count(), "
            "'matplotlib.pyplot' in sys.modules, debugger._is_debugpy_available, 'pydevd' in sys.modules)")
    out = _in_fresh_python(code)
    assert out.stdout.strip().splitlines()[-1] == "[] 1 False False False", out.stdout + out.stderr


def test_a_kernel_is_not_interrupted_on_its_way_out() -> None:
    # A SIGINT that jupyter_client sends before the shutdown request printed "KeyboardInterrupt
    # caught in kernel." on the pack's terminal whenever it landed while the kernel handled a
    # message; a kernel still running (a deadline) is interrupted as before.
    import asyncio
    import signal

    from storebook.report import kernels

    manager = kernels._manager_class("/nonexistent.sock", None)()
    sent: list[int] = []

    async def signal_kernel(signum: int) -> None:
        sent.append(signum)

    manager._async_signal_kernel = signal_kernel
    type(manager).has_kernel = property(lambda self: True)
    manager.shutting_down = True
    asyncio.run(manager._async_interrupt_kernel())
    assert sent == []
    manager.shutting_down = False
    asyncio.run(manager._async_interrupt_kernel())
    assert sent == [signal.SIGINT]


def test_the_next_kernel_starts_near_the_notebooks_expected_end_or_at_its_last_section() -> None:
    """pack._Watch: the next notebook's kernel starts KERNEL_LEAD_S before the notebook's time
    in the last pack is up, or when its last section starts if that comes first; once only,
    and never after the notebook is over (the worker's loop runs the next notebook's cells)."""
    import asyncio
    import time
    from types import SimpleNamespace

    from storebook.report import pack

    display = SimpleNamespace(update=lambda *a, **k: None)

    def watch(near_end: float | None, starts: list[float]) -> pack._Watch:
        run = SimpleNamespace(status="", cells_done=0, cells_total=6)
        return pack._Watch(run, display, deadline=time.monotonic() + 60,
                           last_section=lambda: starts.append(time.monotonic()), near_end=near_end)

    async def notebook(w: pack._Watch, cells: int, seconds_each: float) -> None:
        w.notebook_started()
        for index in range(cells):
            w.cell_started(cell_index=index)
            await asyncio.sleep(seconds_each)

    loop = asyncio.new_event_loop()
    try:
        # Expected to end 0.6 s after its start: the kernel starts at 0.6 - lead, in its 3rd cell.
        starts: list[float] = []
        t0 = time.monotonic()
        loop.run_until_complete(notebook(watch(t0 + 0.6 - pack.KERNEL_LEAD_S, starts), 6, 0.1))
        assert len(starts) == 1 and 0.6 - pack.KERNEL_LEAD_S - 0.02 < starts[0] - t0 < 0.6 - pack.KERNEL_LEAD_S + 0.08
        # No time from a last pack, or one later than the last section: the last section starts it.
        for near_end in (None, t0 + 60):
            starts, t0 = [], time.monotonic()
            late = watch(near_end, starts)
            loop.run_until_complete(notebook(late, 6, 0.05))
            assert len(starts) == 1 and 0.2 - 0.02 < starts[0] - t0 < 0.2 + 0.04  # cell 4 of 0..5
            late.finished()
        # Over before its time came: the start does not come during what the loop runs next.
        starts, t0 = [], time.monotonic()
        early = watch(t0 + 0.3, starts)
        loop.run_until_complete(notebook(early, 2, 0.05))  # its last section never started
        early.finished()
        loop.run_until_complete(asyncio.sleep(0.4))
        assert starts == []
    finally:
        loop.close()
