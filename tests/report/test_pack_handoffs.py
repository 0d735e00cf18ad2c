"""What the pack hands from one part to another so that no kernel slot waits (issue #17).

- a notebook's setup takes the tables' spans and the month's platforms its pack's plan read,
  but only for the very data the plan read (same folder, same fingerprint);
- pages are written by a thread of their own: a kernel slot starts its next notebook while
  the last one's page is written;
- the kernel template lets a kernel that is shutting down finish (its exit removes its DuckDB
  spill folder) instead of killing it when the pack ends.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import REPO
from storebook.engine import availability
from storebook.engine.config import Config
from storebook.report.plan import KNOWN_AVAILABILITY, ReportRun, known_availability, plan_report


def test_a_notebook_takes_the_spans_its_pack_read_only_for_the_same_data(tiny: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from storebook.ingest import ingest
    from storebook.report.page import start

    ingest(Config.load(tiny))
    plan = plan_report(Config.load(), month="2025-03", notebooks_dir=REPO / "notebooks")
    assert plan.data_dir and plan.spans["orders"][0] == "2025-03-02"  # the tiny store's first order
    real = start("traffic", month="2025-03")
    assert real.present == plan.present_platforms == ["tmall"]
    other = ["jd"]  # a platform the tiny store has no data for

    # A pack that read other spans and platforms: the page takes them as they are given.
    known = json.loads(known_availability(plan))
    known["spans"] = {table: ["2025-03-01", "2025-03-20"] for table in known["spans"]}
    known["present"] = other
    monkeypatch.setenv(KNOWN_AVAILABILITY, json.dumps(known))
    page = start("traffic", month="2025-03")
    assert page.month.first_day == dt.date(2025, 3, 1) and page.month.last_day == dt.date(2025, 3, 20)
    assert page.present == other
    assert availability.data_span(page.workbook) == (dt.date(2025, 3, 1), dt.date(2025, 3, 20))

    # The same claim for data with another fingerprint (re-ingested since), or another folder: ignored.
    for key, value in (("fingerprint", "another"), ("data_dir", str(tiny / "elsewhere"))):
        monkeypatch.setenv(KNOWN_AVAILABILITY, json.dumps({**known, key: value}))
        page = start("traffic", month="2025-03")
        assert (page.month.first_day, page.month.last_day) == (real.month.first_day, real.month.last_day)
        assert page.present == real.present
    monkeypatch.setenv(KNOWN_AVAILABILITY, "{not json")
    assert start("traffic", month="2025-03").present == real.present


def test_a_kernel_slot_runs_its_next_notebook_while_a_page_is_written(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from storebook.report import pack

    names = ["a", "b", "c"]
    every_notebook_ran = threading.Event()
    ran: list[tuple[str, str]] = []
    pages: list[tuple[str, str]] = []

    def run_one(plan, run, building, context, display, watches, spare=None, last_seconds=None) -> None:  # noqa: ANN001 - pack._run_one's
        ran.append((run.name, threading.current_thread().name))
        run.status = "ok"
        if len(ran) == len(names):
            every_notebook_ran.set()

    def write_page(plan, run, building, context, display, nb=None) -> None:  # noqa: ANN001 - pack._write_page's
        # The first page is not written until every notebook has run: with one kernel slot,
        # that happens only if the slot does not wait for its pages.
        if not every_notebook_ran.wait(10):
            raise AssertionError(f"the kernel slot waited for {run.name}'s page")
        pages.append((run.name, threading.current_thread().name))
        run.html = f"{run.name}.html"

    monkeypatch.setattr(pack, "_run_one", run_one)
    monkeypatch.setattr(pack, "_write_page", write_page)
    plan = SimpleNamespace(notebooks={n: tmp_path / f"{n}.ipynb" for n in names}, jobs=1, out_root=tmp_path,
                           lang="en")
    runs = {n: ReportRun(name=n) for n in names}
    pack._run_all(plan, runs, tmp_path, {"kernel_manager_class": None}, pack._Progress(names, False))
    assert [n for n, _ in ran] == names and {t for _, t in ran} == {"report-0"}
    assert [n for n, _ in pages] == names and {t for _, t in pages} == {"report-pages"}
    assert all(runs[n].html == f"{n}.html" and runs[n].status == "ok" for n in names)


def test_a_page_that_fails_is_recorded_as_the_packs_own_failure(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from storebook.report import pack

    def run_one(plan, run, building, context, display, watches, spare=None, last_seconds=None) -> None:  # noqa: ANN001
        run.status = "ok"

    def write_page(plan, run, building, context, display, nb=None) -> None:  # noqa: ANN001
        raise ValueError("nbconvert broke")

    recorded = []
    monkeypatch.setattr(pack, "_run_one", run_one)
    monkeypatch.setattr(pack, "_write_page", write_page)
    monkeypatch.setattr(pack, "_record_internal_failure",
                        lambda run, building, context, exc: recorded.append((run.name, str(exc))))
    plan = SimpleNamespace(notebooks={"a": tmp_path / "a.ipynb"}, jobs=1, out_root=tmp_path, lang="en")
    pack._run_all(plan, {"a": ReportRun(name="a")}, tmp_path, {"kernel_manager_class": None},
                  pack._Progress(["a"], False))
    assert recorded == [("a", "nbconvert broke")]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the kernel template forks (POSIX only)")
def test_the_template_lets_a_kernel_that_is_shutting_down_finish() -> None:
    from storebook.report import kernels

    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # a "kernel" still running its exit (removing its spill folder) for 0.3 s
        time.sleep(0.3)
        os._exit(3)
    kernels._let_kernels_exit({pid: ours})
    # Reaped with its own exit status, not killed (-9), and the pack's side is told so.
    assert theirs.recv(64) == b"exit 3\n"
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


_PLAN_APART = """
import json, sys, threading
from storebook.engine.config import Config
from storebook.report.plan import plan_report_apart

assert threading.active_count() == 1  # as in the command: the child is forked
config, notebooks = Config.load(), sys.argv[1]
plan = plan_report_apart(config, month="2025-03", notebooks_dir=notebooks)
errors = []
for request in ({"month": "2031-01"}, {"month": "2025-03", "only": ["nope"]}):
    try:
        plan_report_apart(config, notebooks_dir=notebooks, **request)
    except Exception as exc:
        errors.append([type(exc).__name__, str(exc)])
print(json.dumps({"month": plan.month, "spans": plan.spans, "present": plan.present_platforms,
                  "parameters": plan.parameters, "fingerprint": plan.fingerprint, "errors": errors,
                  "engine_imported": sorted(m for m in ("duckdb", "ibis") if m in sys.modules)}))
"""


def test_the_command_plans_in_a_child_and_holds_no_workbook_of_its_own(tiny: Path) -> None:
    """The plan is made in a forked child: the same plan and the same errors as made here,
    and the command itself never imports the engine (whose buffers would stay for the pack)."""
    import subprocess
    import sys

    from storebook.ingest import ingest
    from storebook.report.plan import ReportRequestError

    ingest(Config.load(tiny))
    here = plan_report(Config.load(), month="2025-03", notebooks_dir=REPO / "notebooks")
    errors = []
    for request in ({"month": "2031-01"}, {"month": "2025-03", "only": ["nope"]}):
        with pytest.raises(Exception) as caught:
            plan_report(Config.load(), notebooks_dir=REPO / "notebooks", **request)
        errors.append([type(caught.value).__name__, str(caught.value)])
    assert errors[1][0] == ReportRequestError.__name__

    done = subprocess.run([sys.executable, "-c", _PLAN_APART, str(REPO / "notebooks")], capture_output=True,
                          text=True, env={**os.environ, "STOREBOOK_ROOT": str(tiny)}, check=False)
    assert done.returncode == 0, done.stderr
    apart = json.loads(done.stdout.strip().splitlines()[-1])
    assert apart["engine_imported"] == []
    assert (apart["month"], apart["spans"], apart["present"], apart["fingerprint"]) == (
        here.month, here.spans, here.present_platforms, here.fingerprint)
    assert apart["parameters"] == here.parameters
    assert apart["errors"] == errors
