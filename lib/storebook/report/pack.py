"""The monthly report pack: every pack notebook run with papermill, turned into HTML a manager can read.

``storebook report --month 2026-10`` (or :func:`run_report`) does, in order:

1. checks the request before any kernel starts (month, data for it, platforms, notebook
   names, parameter names: papermill itself only warns about an unknown one:
   storebook.report.plan);
2. runs the notebooks of the pack (``[report] pack`` in storebook.toml) with papermill in
   parallel kernels of this one process, each with a deadline; a kernel that fails to
   start is retried once;
3. converts each executed notebook to a self-contained HTML page with our own nbconvert
   template (no code, no ``analyst`` cells, no recorded-result outputs, no request to any
   network), with a header (store, month, platforms), a table of contents and a footer
   (time, code revision, data fingerprint: storebook.report.render);
4. writes ``index.html`` — the month's summary and key cards from what the notebooks
   recorded (storebook.report.summary), every report's status and links, provenance in
   the footer (storebook.report.index_page) — the executed notebooks and ``run.json``
   (provenance: storebook.report.provenance);
5. optionally (``--pdf``) prints the index and each page to PDF with headless Chromium and
   joins them into one PDF of the whole pack (storebook.report.pdf);
6. swaps the new pack in place of the old pack of that month and language by renaming,
   only once it is complete: an interrupted run leaves the previous pack as it was
   (storebook.report.packs).

Each month and language has its own pack, ``outputs/2026-10/en/`` and ``outputs/2026-10/zh/``,
side by side, each index linking the other; one report per month and language runs at a
time (a lock, storebook.engine.locks), and ``--wait SECONDS`` waits for the one running.

result = run_report(Config.load(), month="2026-10", jobs=2)
result.index, result.exit_code
(PosixPath('.../outputs/2026-10/en/index.html'), 0)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import queue
import re
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

# jsonschema (nbformat's validator, imported by every pack) imports rfc3987_syntax when it is
# installed, which builds a grammar at import: 1.3 CPU-s of every run. Only jsonschema's
# optional "iri" format check uses it, and the notebook schema asks for no such format.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from storebook.engine import locks  # noqa: E402
from storebook.engine.config import Config  # noqa: E402
from storebook.report import kernels, packs, pdf  # noqa: E402
from storebook.report.browser import BROWSERS, browser_command, find_browser  # noqa: E402, F401  (the pack's API)
from storebook.report.index_page import write_index  # noqa: E402
from storebook.report.pdf import print_pdfs  # noqa: E402, F401  (the pack's API)
from storebook.report.plan import (  # noqa: E402
    KNOWN_AVAILABILITY,
    PackResult,
    ReportPlan,
    ReportRun,
    known_availability,
    plan_report_apart,
)
from storebook.report.provenance import code_revision, write_run_json  # noqa: E402
from storebook.report.render import HIDDEN_TAGS, LABELS, currency_note, month_note, render_page  # noqa: E402

#: The Jupyter kernel every report notebook is pinned to and run with (the pack, the tests,
#: JupyterLab): ``python3``, the kernel of the Python Jupyter itself runs from — under
#: ``make lab`` and ``storebook report`` that is .venv's, which holds storebook — so no
#: kernel needs registering on a fresh clone.
KERNEL_NAME = "python3"
#: The kernel's "running over TCP without encryption" warning is noise in a batch log.
KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=ERROR",)
#: :func:`execute_plan`'s default: the run starts its own kernel template.
OWN_KERNELS = object()
#: How long before a notebook's expected end (its time in the last pack) the next notebook's
#: kernel is started, if its last section has not started it yet: a forked kernel took
#: 0.15-0.3 s from its start to its first answer. Started at the last section only, the
#: next notebook waited for its kernel after 5 of 13 notebooks of the default pack, 0.1-0.3 s
#: each (the last section is often a table of 0.05 s).
KERNEL_LEAD_S = 0.4


# -- running the pack -----------------------------------------------------------------------
def run_report(
    config: Config,
    *,
    month: str | None = None,
    platforms: Iterable[str] | None = None,
    only: Iterable[str] | None = None,
    jobs: int | None = None,
    lang: str = "en",
    out: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    parameters: Mapping[str, Any] | None = None,
    pdf: bool = False,
    progress: TextIO | None | bool = None,
    wait: float = 0.0,
) -> PackResult:
    """Run the month's report pack into ``<out>/<YYYY-MM>/<lang>/``; the Python API under the CLI.

    Args:
        config: the workbook configuration.
        month, platforms, only, jobs, lang, out, notebooks_dir, parameters: see
            :func:`plan_report`.
        pdf: also print each page to PDF with headless Chromium (a message where none is).
        progress: where the progress display goes (default stderr; False = none).
        wait: seconds to wait for a report of the same month and language that is running;
            0 = stop at once.
    Returns:
        The :class:`PackResult`; ``exit_code`` is 1 when a notebook failed.
    Raises:
        StorebookError: the request is wrong (nothing was started).
        BusyError: a report of the same month and language is running (pid and start named).
        KeyboardInterrupt: the run was interrupted; the previous pack is untouched.
    """
    # The kernels' template starts first: its imports (2-3 s) run beside the plan's checks.
    with kernels.kernel_template() as manager_class:
        plan = plan_report_apart(
            config, month=month, platforms=platforms, only=only, jobs=jobs, lang=lang, out=out,
            notebooks_dir=notebooks_dir, parameters=parameters,
        )
        return execute_plan(config, plan, pdf=pdf, progress=progress, wait=wait,
                            kernel_manager_class=manager_class)


def execute_plan(
    config: Config, plan: ReportPlan, *, pdf: bool = False, progress: TextIO | None | bool = None,
    wait: float = 0.0, kernel_manager_class: Any = OWN_KERNELS,
) -> PackResult:
    """Run a checked plan: build the pack beside the old one, then swap it in; one run per
    month and language at a time.

    Args:
        config: the workbook configuration.
        plan: from :func:`plan_report`.
        pdf: also print each page to PDF.
        progress: where the progress display goes (default stderr; False = none).
        wait: seconds to wait for a running report of the same month and language.
        kernel_manager_class: what :func:`storebook.report.kernels.kernel_template` yielded,
            when the caller runs the template; by default the run starts its own.
    Returns:
        The :class:`PackResult`.
    Raises:
        BusyError: the report of that month and language is running elsewhere.
    """
    plan.out_root.mkdir(parents=True, exist_ok=True)
    with locks.hold(packs.lock_path(plan.out_root, plan.month, plan.lang), f"report for {plan.month} ({plan.lang})",
                    wait, said=packs.lock_said(plan.month, plan.lang)):
        result = _execute_locked(config, plan, pdf=pdf, progress=progress, wait=wait,
                                 kernel_manager_class=kernel_manager_class)
    packs.refresh_language_links(plan.out_root, plan.month, plan.lang)
    return result


def _execute_locked(config: Config, plan: ReportPlan, *, pdf: bool, progress: TextIO | None | bool,
                    wait: float, kernel_manager_class: Any = OWN_KERNELS) -> PackResult:
    """:func:`execute_plan` with the pack's lock held."""
    packs.adopt_flat_pack(plan.out_root, plan.month, wait)
    month_dir = plan.out_root / plan.month
    final = packs.pack_dir(plan.out_root, plan.month, plan.lang)
    packs.recover_interrupted_swap(month_dir, plan.lang)
    packs.remove_stale_builds(month_dir, plan.lang)
    building = month_dir / f".{plan.lang}.building-{os.getpid()}-{int(time.time())}"
    building.mkdir(parents=True)
    tz = _zone(config.timezone)
    context = {
        "store": plan.store,
        "month": plan.month,
        "month_note": month_note(plan.month_info, plan.lang),
        "currency_note": currency_note(plan.currency, plan.currency_stated, plan.lang, plan.currency_how),
        # What the header names: the platforms with data in the month, not the configured list.
        **header_platforms(plan),
        "generated_at": dt.datetime.now(tz).isoformat(timespec="seconds"),
        "revision": code_revision(next(iter(plan.notebooks.values())).parent),
        "fingerprint": plan.fingerprint,
        "lang": plan.lang,
        "timezone": config.timezone,
    }
    started = dt.datetime.now(tz)
    runs = {name: ReportRun(name=name) for name in plan.notebooks}
    display = _Progress(list(runs), progress)
    if kernel_manager_class is not OWN_KERNELS:
        context["kernel_manager_class"] = kernel_manager_class
    try:
        with _kernel_environment(config, plan):
            _run_all(plan, runs, building, context, display)
        display.close()
        reports = _with_carried_over(plan, runs, final, building)
        messages: list[str] = []
        write_index(building / "index.html", plan, context, reports, plan.out_root)
        files: dict[str, Any] = {}
        if pdf:
            files, more = _print_pack(building, plan, context, reports)
            messages += more
            write_index(building / "index.html", plan, context, reports, plan.out_root, files=files)
        finished = dt.datetime.now(tz)
        write_run_json(building / "run.json", plan, context, reports, started, finished, files)
        packs.swap_in(building, final)
    except BaseException:
        display.close()
        shutil.rmtree(building, ignore_errors=True)
        packs.recover_interrupted_swap(month_dir, plan.lang)  # stopped inside the swap: the old pack goes back now
        raise
    return PackResult(month=plan.month, directory=final, reports=reports, messages=messages)


class _Progress:
    """Each notebook's state and time: redrawn in place on a terminal, one line per change elsewhere."""

    def __init__(self, names: list[str], stream: TextIO | None | bool) -> None:
        self.stream = None if stream is False else (sys.stderr if stream in (None, True) else stream)
        self.names = names
        self.rows: dict[str, ReportRun] = {}
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.tty = bool(self.stream and hasattr(self.stream, "isatty") and self.stream.isatty())
        self.drawn = 0
        self.stop = threading.Event()
        self.width = max(len(n) for n in names) if names else 8
        if self.tty:
            self.ticker = threading.Thread(target=self._tick, daemon=True)
            self.ticker.start()

    def update(self, run: ReportRun, *, announce: bool = True) -> None:
        with self.lock:
            self.rows[run.name] = run
            if self.stream is None:
                return
            if self.tty:
                self._draw()
            elif announce:
                self.stream.write(f"report: {self._line(run)}\n")
                self.stream.flush()

    def _line(self, run: ReportRun) -> str:
        if run.status in ("starting", "running"):
            seconds = time.monotonic() - getattr(run, "_t0", time.monotonic())
            cells = f" cell {run.cells_done}/{run.cells_total}" if run.cells_total else ""
            return f"{run.name:<{self.width}}  {run.status:<8} {seconds:6.1f} s{cells}"
        if run.status in ("ok", "failed", "timeout"):
            detail = ""
            if run.error:
                detail = f"  {run.error.get('ename', '')}: {str(run.error.get('evalue', ''))[:80]}"
            return f"{run.name:<{self.width}}  {run.status:<8} {run.seconds:6.1f} s{detail}"
        return f"{run.name:<{self.width}}  {run.status}"

    def _draw(self) -> None:
        assert self.stream is not None
        lines = [self._line(self.rows.get(n, ReportRun(name=n))) for n in self.names]
        if self.drawn:
            self.stream.write(f"\033[{self.drawn}F")
        for line in lines:
            self.stream.write(f"\033[K{line}\n")
        self.drawn = len(lines)
        self.stream.flush()

    def _tick(self) -> None:
        while not self.stop.wait(0.5):
            with self.lock:
                self._draw()

    def close(self) -> None:
        self.stop.set()


class _Watch:
    """What the parent knows about one running notebook: its client (to stop it) and progress."""

    def __init__(self, run: ReportRun, display: _Progress, deadline: float,
                 last_section: Any = None, near_end: float | None = None) -> None:
        self.run = run
        self.display = display
        self.deadline = deadline
        self.client: Any = None
        self.kernel_started = False
        #: Called once, from the notebook's event loop, when its last section starts or at
        #: ``near_end`` (a time.monotonic()), whichever comes first.
        self.last_section = last_section
        self.near_end = near_end
        self._timer: Any = None

    def attach(self, client: Any) -> None:
        self.client = client

    def notebook_started(self, **_: Any) -> None:
        self.kernel_started = True
        self.run.status = "running"
        self.display.update(self.run)
        if self.last_section is not None and self.near_end is not None:
            import asyncio

            # On the notebook's own loop, which runs while its cells are awaited.
            self._timer = asyncio.get_running_loop().call_later(max(0.0, self.near_end - time.monotonic()),
                                                                self._near_the_end)

    def cell_started(self, cell: Any = None, cell_index: int = 0, **_: Any) -> None:
        self.run.cells_done = cell_index
        self.display.update(self.run, announce=False)
        # The last cells are the last section and page.finish() (the injected parameters count).
        if self.run.cells_total and cell_index >= self.run.cells_total - 2:
            self._near_the_end()

    def _near_the_end(self) -> None:
        if self.last_section is not None:
            last_section, self.last_section = self.last_section, None
            last_section()

    def finished(self) -> None:
        """The notebook is over: a start not yet due is not for the next one's time."""
        self.last_section = None
        if self._timer is not None:
            self._timer.cancel()

    def cell_timeout(self, cell: Any) -> int:
        """The time left for the whole notebook is the longest the next cell may take."""
        return max(1, int(self.deadline - time.monotonic()))

    def kill(self) -> None:
        """Stop the kernel now (the run was interrupted)."""
        km = getattr(self.client, "km", None)
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None:
            try:
                process.kill()
            except OSError:
                pass


def _register_engine() -> None:
    """Register the 'storebook' papermill engine: nbclient with our hooks and a whole-notebook deadline."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import remove_args

    class StorebookEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None,
                                     watch=None, **kwargs):
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            client = PapermillNotebookClient(
                nb_man,
                kernel_name=kernel_name,
                log=logger,
                log_output=False,
                startup_timeout=start_timeout,
                timeout_func=watch.cell_timeout,
                # On the deadline the kernel is interrupted and the cell is recorded as failed,
                # so the page shows where the time ran out.
                interrupt_on_timeout=True,
                error_on_timeout={
                    "ename": "ReportTimeout",
                    "evalue": "the notebook ran past its time limit ([report] timeout_seconds)",
                    "traceback": [],
                },
                extra_arguments=list(KERNEL_ARGUMENTS),
                on_notebook_start=watch.notebook_started,
                on_cell_start=watch.cell_started,
                **kwargs,
            )
            watch.attach(client)
            # A kernel started ahead (_SpareKernel) is the client's to shut down, as its own is.
            cleanup = {"cleanup_kc": True} if kwargs.get("km") is not None else {}
            return client.execute(**cleanup)

    papermill_engines.register("storebook", StorebookEngine)


def _run_all(plan: ReportPlan, runs: dict[str, ReportRun], building: Path,
             context: dict[str, Any], display: _Progress) -> None:
    """Run every notebook of the plan in ``plan.jobs`` parallel kernels of this process.

    Worker threads are daemons and the main thread waits with a timeout, so that Ctrl-C
    (or SIGTERM turned into KeyboardInterrupt) is seen at once; the kernels are then killed.
    """
    _register_engine()
    todo: queue.Queue[str] = queue.Queue()
    last_seconds = _last_seconds(plan)
    for name in _longest_first(plan, last_seconds):
        todo.put(name)
    for name in plan.notebooks:
        display.update(runs[name], announce=False)
    done: queue.Queue[tuple[str, BaseException | None]] = queue.Queue()
    # Executed notebooks waiting for their page (with the notebook papermill returned, None
    # when it raised): one thread writes the pages, so that a kernel slot starts its next
    # notebook at once instead of waiting for nbconvert.
    to_render: queue.Queue[tuple[str, Any] | None] = queue.Queue()
    watches: dict[str, _Watch] = {}

    def worker() -> None:
        spare = _SpareKernel(context, more=lambda: not todo.empty())
        watches[f"({threading.current_thread().name}: next kernel)"] = spare  # type: ignore[assignment]
        try:
            while True:
                try:
                    name = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    executed = _run_one(plan, runs[name], building, context, display, watches, spare,
                                        last_seconds.get(name))
                    to_render.put((name, executed))
                except BaseException as exc:  # reported to the main thread, which decides
                    done.put((name, exc))
        finally:
            spare.discard()

    def page_writer() -> None:
        while (item := to_render.get()) is not None:
            name, executed = item
            try:
                _write_page(plan, runs[name], building, context, display, executed)
                done.put((name, None))
            except BaseException as exc:  # reported to the main thread, which decides
                done.put((name, exc))

    threads = [threading.Thread(target=worker, name=f"report-{i}", daemon=True) for i in range(plan.jobs)]
    threads.append(threading.Thread(target=page_writer, name="report-pages", daemon=True))
    _import_pack_libraries()
    try:
        if "kernel_manager_class" in context:
            _start_and_wait(threads, plan, runs, building, context, display, done, watches)
        else:
            # Kernels are forks of one process that has done the imports (storebook.report.kernels).
            with kernels.kernel_template() as manager_class:
                context = {**context, "kernel_manager_class": manager_class}
                _start_and_wait(threads, plan, runs, building, context, display, done, watches)
    finally:
        to_render.put(None)


def _start_and_wait(threads: list[threading.Thread], plan: ReportPlan, runs: dict[str, ReportRun], building: Path,
                    context: dict[str, Any], display: _Progress, done: queue.Queue, watches: dict[str, _Watch]) -> None:
    for thread in threads:
        thread.start()
    _wait_all(plan, runs, building, context, display, done, watches)


def _import_pack_libraries() -> None:
    """Import papermill, nbclient and nbconvert once, here, while the kernel template imports
    storebook: the worker threads would otherwise import them at once, one waiting for the other."""
    import nbclient  # noqa: F401
    import nbconvert  # noqa: F401
    import nbformat  # noqa: F401
    import papermill  # noqa: F401


def _wait_all(plan: ReportPlan, runs: dict[str, ReportRun], building: Path, context: dict[str, Any],
              display: _Progress, done: queue.Queue, watches: dict[str, _Watch]) -> None:
    """Wait for every notebook of :func:`_run_all`; on an interrupt, kill the kernels."""
    remaining = len(plan.notebooks)
    try:
        while remaining:
            try:
                name, exc = done.get(timeout=0.2)
            except queue.Empty:
                continue
            remaining -= 1
            if exc is not None:  # a bug of ours, not a notebook failure: record it on the page
                _record_internal_failure(runs[name], building, context, exc)
                display.update(runs[name])
    except BaseException:
        for watch in list(watches.values()):
            watch.kill()
        raise


def _longest_first(plan: ReportPlan, seconds: Mapping[str, float] | None = None) -> list[str]:
    """The plan's notebooks, those that took longest in the last pack of this language first
    (any month): parallel kernels then finish together instead of one running on alone.
    Notebooks without a time keep their place after them; the index keeps the plan's order."""
    seconds = _last_seconds(plan) if seconds is None else seconds
    return sorted(plan.notebooks, key=lambda name: -seconds.get(name, -1.0))


def _last_seconds(plan: ReportPlan) -> dict[str, float]:
    """Each notebook's seconds in the last pack of this language (any month); none from an
    old or damaged run.json."""
    runs = sorted(plan.out_root.glob(f"*/{plan.lang}/run.json"), key=lambda p: p.stat().st_mtime)
    try:
        last = json.loads(runs[-1].read_text(encoding="utf-8"))["notebooks"] if runs else {}
        return {name: float(r["seconds"]) for name, r in last.items() if r.get("seconds") is not None}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


class _SpareKernel:
    """One kernel started ahead for a worker's next notebook.

    A kernel takes 0.15-0.3 s from its start to its first answer (0.1 CPU-s of its own, the
    rest handshakes), every notebook of the pack. Started while the worker's current notebook
    runs its last section, or :data:`KERNEL_LEAD_S` before that notebook's time in the last
    pack is up if that comes first, the next notebook finds it ready. Not earlier: a waiting
    kernel holds the template's pages (~160 MB of resident memory, shared), and a pack at 50M
    order lines peaks while both workers' notebooks run their heavy sections (a last section
    takes seconds at scale, 0.04-1 s on the sample store: too short there alone). Kernels
    of a pack are all alike (the same environment and working folder; none has run
    anything), so which notebook gets which does not matter. Everything happens in the
    worker's thread: the kernel's manager lives on that thread's event loop, as the notebook
    client that takes it over does; the start runs as a task of that loop while the last
    section runs, and :meth:`take` finishes it.
    """

    def __init__(self, context: dict[str, Any], more: Any) -> None:
        self.manager_class = context.get("kernel_manager_class")
        self.more = more  # whether notebooks are left to run
        self.km: Any = None
        self.cwd: Path | None = None
        self.starting: Any = None  # the start's asyncio task, until take() or discard()

    def start_soon(self, cwd: Path) -> None:
        """Start the next kernel, if none is waiting and a notebook is left for it: called
        from the running notebook's event loop (a hook of its client), so the start is a
        task of that loop, run while the notebook's cells are awaited."""
        import asyncio

        if self.km is not None or self.starting is not None or self.manager_class is None or not self.more():
            return
        km = self.manager_class(kernel_name=KERNEL_NAME)
        self.starting = asyncio.ensure_future(km.start_kernel(extra_arguments=list(KERNEL_ARGUMENTS), cwd=str(cwd)))
        self.km, self.cwd = km, cwd

    def _started(self) -> Any:
        """The waiting kernel's manager once its start has finished (None when it failed)."""
        starting, self.starting = self.starting, None
        km, self.km = self.km, None
        if starting is not None:
            from jupyter_core.utils import ensure_event_loop

            try:
                if not starting.done():  # the notebook ended first: its loop runs the rest of the start
                    ensure_event_loop().run_until_complete(starting)
                starting.result()
            except Exception:  # the notebook will start its own, as it does without a spare
                self._shutdown(km)
                return None
        return km

    def take(self, cwd: Path) -> Any:
        """The waiting kernel for a notebook in ``cwd`` (None when there is none alive)."""
        km = self._started()
        if km is None:
            return None
        if self.cwd == cwd and km.has_kernel:
            return km
        self._shutdown(km)
        return None

    def discard(self) -> None:
        """Shut down a kernel no notebook took (the other worker ran the last one)."""
        km = self._started()
        if km is not None:
            self._shutdown(km)

    def kill(self) -> None:
        """Stop the waiting kernel now (the run was interrupted; called from the main thread)."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()

    @staticmethod
    def _shutdown(km: Any) -> None:
        from jupyter_core.utils import run_sync

        if km is None:
            return
        with contextlib.suppress(Exception):
            run_sync(km.shutdown_kernel)(now=False)
            run_sync(km.cleanup_resources)()


def _run_one(plan: ReportPlan, run: ReportRun, building: Path, context: dict[str, Any],
             display: _Progress, watches: dict[str, _Watch], spare: _SpareKernel | None = None,
             last_seconds: float | None = None) -> Any:
    """Execute one notebook (retrying a kernel that did not start); :func:`_write_page` writes its HTML.
    ``last_seconds``: its time in the last pack, when there was one (the next kernel starts
    :data:`KERNEL_LEAD_S` before it is over). Returns the executed notebook papermill wrote
    (None when papermill raised: the page reads what was written)."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source = plan.notebooks[run.name]
    executed = building / f"{run.name}.ipynb"
    tz = _zone(context["timezone"])
    t0 = time.monotonic()
    run._t0 = t0  # type: ignore[attr-defined]
    run.started_at = dt.datetime.now(tz).isoformat(timespec="seconds")
    executed_nb = None
    for attempt in (1, 2):
        run.attempts = attempt
        run.status = "starting"
        display.update(run)
        # The next notebook's kernel starts while this one's last section runs, or near its
        # expected end if that comes first (a retry takes a new one).
        start_next = (lambda: spare.start_soon(source.parent)) if spare is not None else None
        near_end = t0 + last_seconds - KERNEL_LEAD_S if last_seconds is not None and attempt == 1 else None
        watch = _Watch(run, display, deadline=t0 + plan.timeout, last_section=start_next, near_end=near_end)
        watches[run.name] = watch
        run.cells_total = len(nbformat.read(str(source), as_version=4).cells) + 1  # + injected parameters
        try:
            manager = {"kernel_manager_class": context["kernel_manager_class"]} if context.get("kernel_manager_class") else {}
            if spare is not None:
                # The kernel started while the last notebook's last section ran.
                km = spare.take(source.parent) if attempt == 1 else None
                if km is not None:
                    manager["km"] = km
            # Not saved as it runs: papermill would write the whole notebook, figures included,
            # at every cell's start and end (O(cells²) JSON in this process) and once more at its
            # end. Nothing reads it before the run is over; papermill writes it once then (also
            # when a cell failed, with the failure marked).
            executed_nb = papermill.execute_notebook(
                str(source), str(executed), parameters=dict(plan.parameters), engine_name="storebook", kernel_name=KERNEL_NAME,
                progress_bar=False, log_output=False, start_timeout=60, watch=watch, request_save_on_cell_execute=False,
                resources={"metadata": {"path": str(source.parent)}}, **manager,
            )
            run.status = "ok"
            break
        except PapermillExecutionError as exc:
            run.error = {"ename": exc.ename, "evalue": str(exc.evalue), "cell_index": exc.cell_index,
                         "execution_count": exc.exec_count}
            run.status = "failed"
            # On the deadline the kernel is interrupted: the cell then shows a KeyboardInterrupt.
            if exc.ename == "ReportTimeout" or time.monotonic() >= watch.deadline - 1:
                run.status = "timeout"
                run.error["evalue"] = (f"the notebook ran past its time limit of {plan.timeout} s "
                                       "([report] timeout_seconds in storebook.toml)")
            break
        except Exception as exc:  # the kernel died or never started
            run.status = "failed"
            run.error = {"ename": type(exc).__name__, "evalue": str(exc) or repr(exc)}
            if not watch.kernel_started and attempt == 1:
                run.notes.append(f"the kernel did not start on the first try ({type(exc).__name__}: {exc}); retried")
                run.error = None
                continue
            if not watch.kernel_started:
                run.error["evalue"] = f"the notebook's kernel did not start twice: {run.error['evalue']}"
            break
        finally:
            watch.finished()
    run.seconds = round(time.monotonic() - t0, 2)
    run.finished_at = dt.datetime.now(tz).isoformat(timespec="seconds")
    run.generated_at = context["generated_at"]
    return executed_nb


def _write_page(plan: ReportPlan, run: ReportRun, building: Path, context: dict[str, Any], display: _Progress,
                nb: Any = None) -> None:
    """After :func:`_run_one`: the notebook's recorded results and its HTML page. ``nb``: the
    notebook :func:`_run_one` returned, the one papermill wrote (read back when None)."""
    import nbformat

    executed = building / f"{run.name}.ipynb"
    run.notebook = executed.name if executed.is_file() else None
    if nb is None:
        nb = nbformat.read(str(executed), as_version=4) if executed.is_file() else _empty_notebook(plan.notebooks[run.name])
    _collect_results(run, nb)
    page = render_page(nb, run, context)
    target = building / f"{run.name}.html"
    target.write_text(page, encoding="utf-8")
    run.html = target.name
    run.html_bytes = target.stat().st_size
    display.update(run)


def _empty_notebook(source: Path) -> Any:
    import nbformat

    nb = nbformat.read(str(source), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    return nb


def _record_internal_failure(run: ReportRun, building: Path, context: dict[str, Any], exc: BaseException) -> None:
    """A failure of the pack machinery itself still gets a page, a status and an index entry."""
    run.status = "failed"
    run.error = {"ename": type(exc).__name__, "evalue": f"the report pack could not build this page: {exc}"}
    target = building / f"{run.name}.html"
    try:
        target.write_text(render_page(None, run, context), encoding="utf-8")
        run.html = target.name
        run.html_bytes = target.stat().st_size
    except Exception:  # leave the index to show the failure without a page
        run.html = None


def _collect_results(run: ReportRun, nb: Any) -> None:
    """The title and the headline list a notebook recorded, checked for the index."""
    from storebook.report.results import read_results

    try:
        results = read_results(nb)
    except (KeyError, ValueError, TypeError) as exc:
        run.notes.append(f"recorded results could not be read: {exc}")
        results = {}
    preferred = f"{run.name}.headline"
    keys = [preferred] if preferred in results else [k for k in results if k.endswith(".headline")]
    for key in keys:
        entries = results[key]
        if not isinstance(entries, list):
            run.notes.append(f"{key} is not a list of KPI entries; left out of the index")
            continue
        for entry in entries:
            if isinstance(entry, dict) and "label" in entry and "value" in entry:
                run.headline.append(entry)
            else:
                run.notes.append(f"{key}: an entry without label and value was left out of the index")
    sections = results.get(f"{run.name}.sections")
    if isinstance(sections, list):
        run.sections = [s for s in sections if isinstance(s, dict) and s.get("status") in SECTION_STATUSES]
    run.title = _notebook_title(nb) or run.name.replace("_", " ").capitalize()


#: A section's status in the index (storebook.report.needs): full, partial or no data.
SECTION_STATUSES = ("full", "partial", "none")


def header_platforms(plan: ReportPlan) -> dict[str, Any]:
    """What the header names: the platforms with data in the month, not the configured list
    (``platforms``), and whether they are all the store's (``all_platforms``). A month with no
    table by platform (stock, purchase orders) names none, as its pages do: "– (all)" read as
    if every platform were in it.
    """
    labels = _platform_labels(plan.present_platforms, plan.lang)
    return {"platforms": labels or [LABELS[plan.lang]["no_platform"]],
            "all_platforms": plan.platforms is None and bool(labels)}


def _platform_labels(platforms: Iterable[str], lang: str) -> list[str]:
    from storebook.report.text import Text

    return Text(lang).labels("platform", platforms)


def _notebook_title(nb: Any) -> str:
    """The first level-1 Markdown heading the notebook shows (a cell or a Markdown output)."""
    for cell in nb.cells:
        if set(cell.metadata.get("tags", [])) & HIDDEN_TAGS:
            continue
        texts = [cell.source] if cell.cell_type == "markdown" else [
            "".join(o.get("data", {}).get("text/markdown", "")) for o in cell.get("outputs", [])
        ]
        for text in texts:
            match = re.search(r"^#\s+(.+?)\s*#*\s*$", text or "", re.MULTILINE)
            if match:
                return re.sub(r"[*_`]", "", match.group(1)).strip()
    return ""



def _print_pack(building: Path, plan: ReportPlan, context: Mapping[str, Any],
                reports: list[ReportRun]) -> tuple[dict[str, Any], list[str]]:
    """--pdf: the index and every page printed, and the whole pack's PDF (storebook.report.pdf)."""
    pages = [building / "index.html"] + [building / r.html for r in reports if r.html]
    frame = pdf.PrintFrame(store=context["store"], month=plan.month, lang=plan.lang)
    printed = pdf.print_pack(building, pages, frame, runs={r.name: r for r in reports})
    files = {"index": printed.pages.get("index.html"), "pack": printed.pack, "pages": printed.page_counts}
    return files, printed.messages



def _with_carried_over(plan: ReportPlan, runs: dict[str, ReportRun], final: Path, building: Path) -> list[ReportRun]:
    """Every report of the pack, in pack order: this run's, and (with --only) the last run's others.

    A report not re-run is kept from the previous pack when that pack was made for the
    same platforms and language; it stays marked as carried over, with its own time.
    """
    reports = []
    previous = {}
    if len(plan.notebooks) < len(plan.pack) and (final / "run.json").is_file():
        try:
            old = json.loads((final / "run.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = {}
        same = (old.get("parameters", {}).get("platforms") == plan.platforms
                and old.get("parameters", {}).get("lang") == plan.lang)
        previous = old.get("notebooks", {}) if same else {}
    for name in plan.pack:
        if name in runs:
            reports.append(runs[name])
        elif name in previous:
            fields = {k: v for k, v in previous[name].items() if k in ReportRun.__dataclass_fields__}
            run = ReportRun(**fields)
            run.carried_over = True
            for attr in ("html", "notebook", "pdf"):
                file = getattr(run, attr)
                if file and (final / file).is_file():
                    shutil.copy2(final / file, building / file)
                else:
                    setattr(run, attr, None)
            reports.append(run)
    return reports


class _kernel_environment:
    """For the duration of a run: kernels see the same workbook root and what the plan read of
    its data, papermill stays quiet.

    Kernels inherit the parent's environment, so STOREBOOK_ROOT points them at the
    workbook being reported on, and STOREBOOK_PACK_AVAILABILITY gives them the tables' spans
    and the month's platforms the plan read (storebook.report.plan.known_availability).
    Papermill logs "Passed unknown parameter" and "Unable to parse line" for each notebook;
    plan_report has checked the parameters itself.
    """

    def __init__(self, config: Config, plan: ReportPlan | None = None) -> None:
        self.values = {"STOREBOOK_ROOT": str(config.root)}
        if plan is not None and plan.data_dir:
            self.values[KNOWN_AVAILABILITY] = known_availability(plan)
        self.old: dict[str, str | None] = {}
        self.logger = logging.getLogger("papermill")
        self.level = self.logger.level

    def __enter__(self) -> None:
        for name, value in self.values.items():
            self.old[name] = os.environ.get(name)
            os.environ[name] = value
        self.level = self.logger.level
        self.logger.setLevel(logging.ERROR)

    def __exit__(self, *_: Any) -> None:
        self.logger.setLevel(self.level)
        for name, value in self.old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value



def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except Exception:  # an unknown zone name should not stop the report
        return dt.UTC


# -- the command ----------------------------------------------------------------------------
def run_report_command(args: Any, config: Config) -> int:
    """``storebook report``: run the pack, print a summary and the index path.

    Args:
        args: the parsed command line (month, platform, only, jobs, lang, out, pdf).
        config: the workbook configuration.
    Returns:
        0 when every report ran, 1 when one failed (2 comes from the CLI for a bad request).
    """
    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # a batch scheduler's stop leaves the old pack intact too

    in_main = threading.current_thread() is threading.main_thread()  # signals need the main thread
    previous = signal.signal(signal.SIGTERM, stop) if in_main else None
    try:
        result = run_report(
            config, month=args.month, platforms=args.platform, only=args.only, jobs=args.jobs,
            lang=args.lang, out=args.out, pdf=getattr(args, "pdf", False), wait=getattr(args, "wait", 0.0),
        )
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
    for message in result.messages:
        print(message, file=sys.stderr)
    failed = [r for r in result.reports if not r.ok]
    for run in result.reports:
        size = f"{run.html_bytes / 1024:,.0f} KB" if run.html_bytes else ""
        note = " (kept from the last run)" if run.carried_over else ""
        print(f"  {run.name:<16} {run.status:<8} {run.seconds:7.1f} s  {size}{note}")
    if failed:
        print(f"{len(failed)} of {len(result.reports)} reports failed: "
              f"{', '.join(r.name for r in failed)} (their pages show the error)", file=sys.stderr)
    print(f"index: {result.index}")
    return result.exit_code
