"""The monthly report pack: every pack notebook run with papermill, turned into HTML a manager can read.

``storebook report --month 2026-10`` (or :func:`run_report`) does, in order:

1. checks the request before any kernel starts (month, data for it, platforms, notebook
   names, parameter names: papermill itself only warns about an unknown one);
2. runs the notebooks of the pack (``[report] pack`` in storebook.toml) with papermill in
   parallel kernels of this one process, each with a deadline; a kernel that fails to
   start is retried once;
3. converts each executed notebook to a self-contained HTML page with our own nbconvert
   template (no code, no ``analyst`` cells, no recorded-result outputs, no request to any
   network), with a header (store, month, platforms), a table of contents and a footer
   (time, code revision, data fingerprint);
4. writes ``index.html`` — the month's summary and key cards from what the notebooks
   recorded (storebook.report.summary), every report's status and links, provenance in
   the footer — the executed notebooks and ``run.json`` (provenance);
5. optionally (``--pdf``) prints the index and each page to PDF with headless Chromium and
   joins them into one PDF of the whole pack (storebook.report.pdf);
6. swaps the new pack in place of the old pack of that month and language by renaming,
   only once it is complete: an interrupted run leaves the previous pack as it was.

Each month and language has its own pack, ``outputs/2026-10/en/`` and ``outputs/2026-10/zh/``,
side by side, each index linking the other; one report per month and language runs at a
time (a lock, storebook.engine.locks), and ``--wait SECONDS`` waits for the one running.

result = run_report(Config.load(), month="2026-10", jobs=2)
result.index, result.exit_code
(PosixPath('.../outputs/2026-10/en/index.html'), 0)
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import logging
import os
import platform as _platform
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

# jsonschema (nbformat's validator, imported by every pack) imports rfc3987_syntax when it is
# installed, which builds a grammar at import: 1.3 CPU-s of every run. Only jsonschema's
# optional "iri" format check uses it, and the notebook schema asks for no such format.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from storebook.engine import locks, periods  # noqa: E402
from storebook.engine.config import Config  # noqa: E402
from storebook.errors import StorebookError  # noqa: E402
from storebook.measures.metrics import shown_change  # noqa: E402
from storebook.report import index_page, kernels, packs, pdf  # noqa: E402
from storebook.report.browser import BROWSERS, browser_command, find_browser  # noqa: E402, F401  (the pack's API)
from storebook.report.number_style import change_html, format_metric, value_html  # noqa: E402
from storebook.report.pdf import print_pdfs  # noqa: E402, F401  (the pack's API)
from storebook.report.results import MIME as RESULT_MIME  # noqa: E402
from storebook.report.summary import short_title  # noqa: E402
from storebook.report.text import CATALOGUE, LANGUAGES, use_currency  # noqa: E402

TEMPLATES = Path(__file__).parent / "templates"
#: The parameters every pack notebook takes (docs/notebooks.md, "Parameters").
NOTEBOOK_PARAMETERS = ("month", "platforms", "data_path", "language")
#: The Jupyter kernel every report notebook is pinned to and run with (the pack, the tests,
#: JupyterLab): ``python3``, the kernel of the Python Jupyter itself runs from — under
#: ``make lab`` and ``storebook report`` that is .venv's, which holds storebook — so no
#: kernel needs registering on a fresh clone.
KERNEL_NAME = "python3"
#: Tags of cells that never reach the HTML: analyst notes, papermill's error markers.
HIDDEN_TAGS = {"analyst", "papermill-error-cell-tag"}
#: Packages whose versions go into run.json.
PROVENANCE_PACKAGES = (
    "storebook", "pandas", "numpy", "pyarrow", "duckdb", "ibis-framework", "matplotlib",
    "seaborn", "papermill", "nbconvert", "nbclient", "ipykernel", "jinja2", "pypdf",
)
#: The pack's own words (the notebooks' words come from storebook.report.text).
#: The pack's own words, in each language, from the text catalogue (``pack.<label>``).
LABELS: dict[str, dict[str, str]] = {
    lang: {key.removeprefix("pack."): entry[lang] for key, entry in CATALOGUE.items() if key.startswith("pack.")}
    for lang in LANGUAGES
}


class ReportRequestError(StorebookError):
    """The report request cannot be run as asked; nothing was started or written."""


# -- the plan -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportPlan:
    """A checked request: what will run, with which parameters, into which folder."""

    month: str
    platforms: list[str] | None          # as requested; None = every platform
    resolved_platforms: list[str]
    notebooks: dict[str, Path]           # name → notebook file, in pack order
    pack: list[str]                      # the whole pack, in index order
    jobs: int
    lang: str
    out_root: Path
    parameters: dict[str, Any]           # what each notebook receives
    timeout: int
    fingerprint: str
    ingested_at: str
    store: str = ""                      # the store's name on the pack (storebook.engine.identity)
    currency: str = "CNY"                # the store's currency (storebook.engine.identity)
    month_info: dict[str, Any] = field(default_factory=dict)   # storebook.engine.availability.ReportMonth.record()
    present_platforms: list[str] = field(default_factory=list)  # platforms with data in the month


@dataclass
class ReportRun:
    """One notebook's run: its state while running, its record afterwards."""

    name: str
    status: str = "queued"               # queued, starting, running, ok, failed, timeout
    title: str = ""
    started_at: str | None = None
    finished_at: str | None = None
    seconds: float = 0.0
    attempts: int = 0
    cells_done: int = 0
    cells_total: int = 0
    error: dict[str, Any] | None = None
    html: str | None = None
    notebook: str | None = None
    pdf: str | None = None
    html_bytes: int = 0
    headline: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    carried_over: bool = False
    generated_at: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class PackResult:
    """What a report run produced."""

    month: str
    directory: Path
    reports: list[ReportRun]
    messages: list[str] = field(default_factory=list)

    @property
    def index(self) -> Path:
        return self.directory / "index.html"

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.reports)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


def plan_report(
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
) -> ReportPlan:
    """Check a report request against the workbook and the notebooks; start nothing.

    Args:
        config: the workbook configuration (its ``[report] pack`` lists the notebooks).
        month: ``YYYY-MM``; None = the last complete month with data in any dated table
            (else the month the data end in, marked partial).
        platforms: platforms to report on; None = every platform.
        only: names of pack notebooks to run (the rest of the pack is kept from the last run).
        jobs: parallel kernels; None = CPU cores.
        lang: ``en`` or ``zh``.
        out: the outputs folder (default: the config's ``outputs/``).
        notebooks_dir: where the pack notebooks are (default: the config's ``notebooks/``).
        parameters: extra notebook parameters (each must be declared by every notebook run).
    Returns:
        The checked :class:`ReportPlan`.
    Raises:
        StorebookError: one line saying what is wrong with the request and what to do.
    """
    import storebook
    from storebook.engine import availability

    if lang not in LANGUAGES:
        raise ReportRequestError(f"language '{lang}' is not available; use one of {', '.join(LANGUAGES)}")
    if jobs is not None and jobs < 1:
        raise ReportRequestError(f"--jobs {jobs}: give at least 1 parallel kernel")
    if month is not None:
        periods.month(month)  # a malformed month is reported before the data is opened
    wb = storebook.open(config.processed_location, root=config.root)
    # The month from whatever dated tables the store has (no orders table is needed).
    chosen = availability.resolve_month(wb, month)
    period = chosen.period
    requested = list(platforms) if platforms else None
    resolved = wb.platforms(requested)
    present = availability.present_platforms(wb, period, resolved) if requested is None else resolved

    pack = config.report_pack
    if not pack:
        raise ReportRequestError(
            "the report pack is empty: list the notebooks under [report] pack in storebook.toml"
        )
    names = _split_names(only) if only else list(pack)
    unknown = [n for n in names if n not in pack]
    if unknown:
        raise ReportRequestError(
            f"unknown notebook(s) {', '.join(unknown)}: the report pack is {', '.join(pack)} "
            "([report] pack in storebook.toml)"
        )
    folder = Path(notebooks_dir).resolve() if notebooks_dir else config.notebooks_dir
    missing = [n for n in names if not (folder / f"{n}.ipynb").is_file()]
    if missing:
        raise ReportRequestError(
            f"notebook(s) {', '.join(missing)} of the report pack not found in {folder} "
            f"(expected {missing[0]}.ipynb): add the notebook or remove it from [report] pack"
        )
    notebooks = {n: folder / f"{n}.ipynb" for n in pack if n in names}

    nb_parameters: dict[str, Any] = {
        "month": period.label,
        "platforms": requested,
        # The generation opened here: every notebook reads the same tables, even if an
        # ingest publishes newer ones while the pack runs.
        "data_path": str(wb.data_dir),
        "language": lang,
    }
    nb_parameters.update(parameters or {})
    check_parameters(notebooks, nb_parameters)

    manifest = wb.ingest_manifest()
    return ReportPlan(
        store=wb.identity().title(lang),
        currency=wb.identity().currency,
        month=period.label,
        platforms=requested,
        resolved_platforms=resolved,
        notebooks=notebooks,
        pack=list(pack),
        jobs=min(jobs or os.cpu_count() or 1, len(notebooks)),
        lang=lang,
        out_root=Path(out).resolve() if out else config.outputs_dir,
        parameters=nb_parameters,
        timeout=config.report_timeout,
        fingerprint=manifest.get("fingerprint", "") or "unknown",
        ingested_at=manifest.get("ingested_at", "") or "unknown",
        month_info=chosen.record(),
        present_platforms=present,
    )


def check_parameters(notebooks: Mapping[str, Path], parameters: Mapping[str, Any]) -> None:
    """Check that every notebook declares every parameter it will be given.

    Papermill injects an undeclared parameter anyway and only warns, so a misspelt
    name would run the notebook on its defaults without anyone noticing.

    Args:
        notebooks: name → notebook file.
        parameters: the parameters each notebook will receive.
    Raises:
        ReportRequestError: naming each notebook and the parameters it does not declare.
    """
    problems = []
    for path in notebooks.values():
        try:
            declared = declared_parameters(path)
        except SyntaxError as exc:
            problems.append(f"{path.name}: its parameters cell is not valid Python (line {exc.lineno}: {exc.msg})")
            continue
        if declared is None:
            problems.append(
                f"{path.name} has no cell tagged 'parameters' (it must declare {', '.join(parameters)})"
            )
            continue
        unknown = [p for p in parameters if p not in declared]
        if unknown:
            problems.append(
                f"{path.name} does not declare the parameter(s) {', '.join(unknown)} "
                f"(its parameters cell has {', '.join(declared) or 'none'})"
            )
    if problems:
        raise ReportRequestError(
            "; ".join(problems) + ": add them to the cell tagged 'parameters' or correct the name"
        )


def declared_parameters(path: Path) -> list[str] | None:
    """The names a notebook's ``parameters`` cell assigns, in order; None without such a cell.

    Read with Python's own parser: ``papermill.inspect_notebook`` skips every line whose
    comment holds an ``=`` (``month = None  # None = the last complete month``), which is
    how docs/notebooks.md writes the parameters cell.

    Args:
        path: the notebook file.
    Returns:
        The declared names, or None when no cell is tagged ``parameters``.
    Raises:
        SyntaxError: the parameters cell does not parse.

    declared_parameters(Path("notebooks/traffic.ipynb"))
    ['month', 'platforms', 'data_path', 'language']
    """
    import ast

    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    if not cells:
        return None
    names: list[str] = []
    for cell in cells:
        # IPython magics and shell lines are not Python; they declare nothing.
        source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.splitlines())
        for node in ast.parse(source).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name) and name.id not in names:
                        names.append(name.id)
    return names


def _split_names(values: Iterable[str]) -> list[str]:
    """``["a,b", "c"]`` → ``["a", "b", "c"]`` (``--only`` is repeatable and comma-separated)."""
    names: list[str] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip().removesuffix(".ipynb")
            if part and part not in names:
                names.append(part)
    return names


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
    plan = plan_report(
        config, month=month, platforms=platforms, only=only, jobs=jobs, lang=lang, out=out,
        notebooks_dir=notebooks_dir, parameters=parameters,
    )
    return execute_plan(config, plan, pdf=pdf, progress=progress, wait=wait)


def execute_plan(
    config: Config, plan: ReportPlan, *, pdf: bool = False, progress: TextIO | None | bool = None,
    wait: float = 0.0,
) -> PackResult:
    """Run a checked plan: build the pack beside the old one, then swap it in; one run per
    month and language at a time.

    Args:
        config: the workbook configuration.
        plan: from :func:`plan_report`.
        pdf: also print each page to PDF.
        progress: where the progress display goes (default stderr; False = none).
        wait: seconds to wait for a running report of the same month and language.
    Returns:
        The :class:`PackResult`.
    Raises:
        BusyError: the report of that month and language is running elsewhere.
    """
    plan.out_root.mkdir(parents=True, exist_ok=True)
    with locks.hold(packs.lock_path(plan.out_root, plan.month, plan.lang), f"report for {plan.month} ({plan.lang})",
                    wait):
        result = _execute_locked(config, plan, pdf=pdf, progress=progress, wait=wait)
    packs.refresh_language_links(plan.out_root, plan.month, plan.lang)
    return result


def _execute_locked(config: Config, plan: ReportPlan, *, pdf: bool, progress: TextIO | None | bool,
                    wait: float) -> PackResult:
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
        # What the header names: the platforms with data in the month, not the configured list.
        "platforms": _platform_labels(plan.present_platforms, plan.lang) or ["–"],
        "all_platforms": plan.platforms is None,
        "generated_at": dt.datetime.now(tz).isoformat(timespec="seconds"),
        "revision": code_revision(next(iter(plan.notebooks.values())).parent),
        "fingerprint": plan.fingerprint,
        "lang": plan.lang,
        "timezone": config.timezone,
    }
    started = dt.datetime.now(tz)
    runs = {name: ReportRun(name=name) for name in plan.notebooks}
    display = _Progress(list(runs), progress)
    try:
        with _kernel_environment(config):
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
        _write_run_json(building / "run.json", plan, context, reports, started, finished, files)
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

    def __init__(self, run: ReportRun, display: _Progress, deadline: float) -> None:
        self.run = run
        self.display = display
        self.deadline = deadline
        self.client: Any = None
        self.kernel_started = False

    def attach(self, client: Any) -> None:
        self.client = client

    def notebook_started(self, **_: Any) -> None:
        self.kernel_started = True
        self.run.status = "running"
        self.display.update(self.run)

    def cell_started(self, cell: Any = None, cell_index: int = 0, **_: Any) -> None:
        self.run.cells_done = cell_index
        self.display.update(self.run, announce=False)

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
                # The kernel's "running over TCP without encryption" warning is noise in a batch log.
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
                on_notebook_start=watch.notebook_started,
                on_cell_start=watch.cell_started,
                **kwargs,
            )
            watch.attach(client)
            # papermill writes the whole notebook, figures included, at every cell's start and
            # end: O(cells²) JSON in this process. Nothing reads it before the run is over, and
            # papermill writes it once more when the notebook completes (or fails).
            output_path, nb_man.output_path = nb_man.output_path, None
            try:
                return client.execute()
            finally:
                nb_man.output_path = output_path

    papermill_engines.register("storebook", StorebookEngine)


def _run_all(plan: ReportPlan, runs: dict[str, ReportRun], building: Path,
             context: dict[str, Any], display: _Progress) -> None:
    """Run every notebook of the plan in ``plan.jobs`` parallel kernels of this process.

    Worker threads are daemons and the main thread waits with a timeout, so that Ctrl-C
    (or SIGTERM turned into KeyboardInterrupt) is seen at once; the kernels are then killed.
    """
    _register_engine()
    todo: queue.Queue[str] = queue.Queue()
    for name in _longest_first(plan):
        todo.put(name)
    for name in plan.notebooks:
        display.update(runs[name], announce=False)
    done: queue.Queue[tuple[str, BaseException | None]] = queue.Queue()
    watches: dict[str, _Watch] = {}

    def worker() -> None:
        while True:
            try:
                name = todo.get_nowait()
            except queue.Empty:
                return
            try:
                _run_one(plan, runs[name], building, context, display, watches)
                done.put((name, None))
            except BaseException as exc:  # reported to the main thread, which decides
                done.put((name, exc))

    threads = [threading.Thread(target=worker, name=f"report-{i}", daemon=True) for i in range(plan.jobs)]
    # Kernels are forks of one process that has done the imports (storebook.report.kernels).
    with kernels.kernel_template() as manager_class:
        context = {**context, "kernel_manager_class": manager_class}
        for thread in threads:
            thread.start()
        _wait_all(plan, runs, building, context, display, done, watches)


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


def _longest_first(plan: ReportPlan) -> list[str]:
    """The plan's notebooks, those that took longest in the last pack of this language first
    (any month): parallel kernels then finish together instead of one running on alone.
    Notebooks without a time keep their place after them; the index keeps the plan's order."""
    runs = sorted(plan.out_root.glob(f"*/{plan.lang}/run.json"), key=lambda p: p.stat().st_mtime)
    try:
        last = json.loads(runs[-1].read_text(encoding="utf-8"))["notebooks"] if runs else {}
        seconds = {name: float(r["seconds"]) for name, r in last.items() if r.get("seconds") is not None}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # an old or damaged run.json: plan order
        seconds = {}
    return sorted(plan.notebooks, key=lambda name: -seconds.get(name, -1.0))


def _run_one(plan: ReportPlan, run: ReportRun, building: Path, context: dict[str, Any],
             display: _Progress, watches: dict[str, _Watch]) -> None:
    """Execute one notebook (retrying a kernel that did not start), then write its HTML."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source = plan.notebooks[run.name]
    executed = building / f"{run.name}.ipynb"
    tz = _zone(context["timezone"])
    t0 = time.monotonic()
    run._t0 = t0  # type: ignore[attr-defined]
    run.started_at = dt.datetime.now(tz).isoformat(timespec="seconds")
    for attempt in (1, 2):
        run.attempts = attempt
        run.status = "starting"
        display.update(run)
        watch = _Watch(run, display, deadline=t0 + plan.timeout)
        watches[run.name] = watch
        run.cells_total = len(nbformat.read(str(source), as_version=4).cells) + 1  # + injected parameters
        try:
            manager = {"kernel_manager_class": context["kernel_manager_class"]} if context.get("kernel_manager_class") else {}
            papermill.execute_notebook(
                str(source), str(executed), parameters=dict(plan.parameters), engine_name="storebook", kernel_name=KERNEL_NAME,
                progress_bar=False, log_output=False, start_timeout=60, watch=watch,
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
    run.seconds = round(time.monotonic() - t0, 2)
    run.finished_at = dt.datetime.now(tz).isoformat(timespec="seconds")
    run.generated_at = context["generated_at"]
    run.notebook = executed.name if executed.is_file() else None
    nb = nbformat.read(str(executed), as_version=4) if executed.is_file() else _empty_notebook(source)
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


def month_note(month_info: Mapping[str, Any], lang: str) -> str:
    """The header's line for a partial month (its days); empty for a complete month.

    >>> month_note({"partial": True, "first_day": "2025-05-11", "last_day": "2025-05-17", "days": 7,
    ...             "month_days": 31}, "en")
    'Partial month: data for 2025-05-11 to 2025-05-17 only (7 of 31 days)'
    >>> month_note({"partial": False}, "en")
    ''
    """
    if not month_info or not month_info.get("partial"):
        return ""
    return LABELS[lang]["partial_month"].format(first=month_info["first_day"], last=month_info["last_day"],
                                                days=month_info["days"], month_days=month_info["month_days"])


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


# -- the HTML page --------------------------------------------------------------------------
def render_page(nb: Any, run: ReportRun, context: Mapping[str, Any]) -> str:
    """One report page: the executed notebook without code, in the house template.

    Args:
        nb: the executed notebook (None when there is none, e.g. the kernel never started).
        run: the notebook's run record (status, error).
        context: store, month, platforms, generation time, revision, fingerprint, lang.
    Returns:
        The self-contained HTML text.
    """
    import nbformat
    from nbconvert import HTMLExporter

    labels = LABELS[context["lang"]]
    if nb is None:
        nb = nbformat.v4.new_notebook()
    nb, notes = prepare_for_html(nb)
    run.notes.extend(n for n in notes if n not in run.notes)
    exporter = HTMLExporter(
        template_name="report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    resources = {
        "storebook": {
            **context,
            "labels": labels,
            "title": run.title or run.name,
            "name": run.name,
            "status": run.status,
            "error": run.error,
            "css": house_css(),
            "running_css": pdf.PrintFrame(context["store"], context["month"], context["lang"]).page_css(
                short_title(run.title or run.name)),
        }
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body, removed = strip_network_references(body)
    run.notes.extend(removed)
    return add_contents(body, labels)


def prepare_for_html(nb: Any) -> tuple[Any, list[str]]:
    """A copy of the executed notebook with what a manager should not see taken out.

    Cells tagged ``analyst`` and papermill's error markers go; so do recorded-result
    outputs (machine-readable, for the index and the tests), stderr streams (warnings are
    for the analyst, who finds them in the executed notebook), scripts and widgets (they
    would need a network or a kernel) and object reprs such as ``<Axes at 0x…>``.

    Args:
        nb: the executed notebook (left unchanged).
    Returns:
        The cleaned copy and notes on what was taken out.
    """
    nb = copy.deepcopy(nb)
    stderr = 0
    cells = []
    for cell in nb.cells:
        if set(cell.metadata.get("tags", [])) & HIDDEN_TAGS:
            continue
        if cell.cell_type == "code":
            kept = []
            for output in cell.get("outputs", []):
                kind = output.get("output_type")
                if kind == "stream" and output.get("name") == "stderr":
                    stderr += 1
                    continue
                if kind in ("display_data", "execute_result"):
                    data = {k: v for k, v in output.get("data", {}).items() if k != RESULT_MIME
                            and k != "application/javascript" and "widget" not in k}
                    if not data:
                        continue
                    if set(data) == {"text/plain"} and re.match(r"^\[?<.* at 0x[0-9a-f]+>", "".join(data["text/plain"])):
                        continue
                    output["data"] = data
                kept.append(output)
            cell.outputs = kept
            if not kept:
                continue
        cells.append(cell)
    nb.cells = cells
    notes = [f"{stderr} stderr output(s) (warnings) left out of the page; see the executed notebook"] if stderr else []
    return nb, notes


_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_FRAME = re.compile(r"<(iframe|object|embed)\b.*?(</\1\s*>|/>)", re.IGNORECASE | re.DOTALL)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_REMOTE_SRC = re.compile(r"""\s(src|srcset|poster|data)\s*=\s*(["'])\s*(https?:)?//[^"']*\2""", re.IGNORECASE)
_REMOTE_CSS = re.compile(r"""(@import\s+url\([^)]*\)\s*;?|url\(\s*["']?(https?:)?//[^)]*\))""", re.IGNORECASE)


def strip_network_references(page: str) -> tuple[str, list[str]]:
    """Take out of a page everything that would load from a network or run code when opened.

    Our template emits none of it; a notebook output might (a Plotly chart, a remote
    image in Markdown). Plain ``<a href>`` links to outside pages stay: they load nothing.

    Args:
        page: the HTML text.
    Returns:
        The cleaned page and one note per kind of thing removed.
    """
    notes = []
    for pattern, what, repl in (
        (_SCRIPT, "script(s)", ""),
        (_FRAME, "embedded frame(s)", ""),
        (_LINK_TAG, "<link> tag(s)", ""),
        (_REMOTE_SRC, "remote image/media reference(s)", ""),
        (_REMOTE_CSS, "remote CSS reference(s)", "none"),
    ):
        page, count = pattern.subn(repl, page)
        if count:
            notes.append(f"{count} {what} removed from the page (a report must open without a network)")
    return page, notes


_HEADING = re.compile(r"<h([1-3])([^>]*)>(.*?)</h\1>", re.DOTALL)
_MAIN = re.compile(r"(<main[^>]*>)(.*)(</main>)", re.DOTALL)


def add_contents(page: str, labels: Mapping[str, str]) -> str:
    """Give every heading of the report body an id and fill the table of contents.

    The notebook's own first H1 is the report title, already shown in the header, so it
    is dropped from the body. Sections (H2) and their sub-sections (H3) are listed.

    Args:
        page: the page with ``<main>`` and a ``<!--storebook:contents-->`` placeholder.
        labels: the pack's words in the report language.
    Returns:
        The page with ids and contents.
    """
    match = _MAIN.search(page)
    if not match:
        return page.replace("<!--storebook:contents-->", "")
    body = match.group(2)
    first_h1 = re.search(r"<h1[^>]*>.*?</h1>", body, re.DOTALL)
    if first_h1:
        body = body[: first_h1.start()] + body[first_h1.end():]
    used: set[str] = set()
    entries: list[tuple[int, str, str]] = []

    def name_heading(m: re.Match[str]) -> str:
        level, attrs, inner = int(m.group(1)), m.group(2), m.group(3)
        inner = re.sub(r'<a class="anchor-link".*?</a>', "", inner, flags=re.DOTALL)
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        existing = re.search(r'\bid="([^"]+)"', attrs)
        ident = existing.group(1) if existing else _slug(text, used)
        used.add(ident)
        if not existing:
            attrs = f' id="{ident}"{attrs}'
        if level in (2, 3) and text:
            entries.append((level, ident, text))
        return f'<h{level}{attrs}>{inner}<a class="anchor" href="#{ident}" aria-hidden="true">#</a></h{level}>'

    body = _HEADING.sub(name_heading, body)
    # A title cell that held only the H1 would leave an empty box at the top of the page.
    body = re.sub(r'<div class="cell">\s*<div class="prose">\s*</div>\s*</div>', "", body)
    page = page[: match.start(2)] + body + page[match.end(2):]
    if not entries:
        return page.replace("<!--storebook:contents-->", "")
    items = []
    for level, ident, text in entries:
        items.append(f'<li class="toc-{level}"><a href="#{ident}">{html.escape(text)}</a></li>')
    toc = f'<nav class="toc" aria-label="{labels["contents"]}"><h2>{labels["contents"]}</h2><ol>{"".join(items)}</ol></nav>'
    return page.replace("<!--storebook:contents-->", toc)


def _slug(text: str, used: set[str]) -> str:
    """An id for a heading: lower-case words (Chinese kept), unique within the page."""
    text = unicodedata.normalize("NFKC", text).lower()
    base = re.sub(r"[^\w]+", "-", text).strip("-")[:60] or "section"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    return ident


def house_css() -> str:
    """The house stylesheet, inlined into every page (no file or font is fetched)."""
    return (TEMPLATES / "report" / "house.css").read_text(encoding="utf-8")


# -- formatting KPIs ------------------------------------------------------------------------
def format_value(value: Any, unit: str | None, lang: str = "en", key: str | None = None) -> str:
    """A headline value as a manager reads it, in the pack's one number style
    (:mod:`storebook.report.number_style`): the registry's format for ``key``, else the unit's.

    Args:
        value: the number (None → a dash).
        unit: the record's unit (``count``, ``CNY``, ``ratio``, ``days`` …), used when the
            registry does not know ``key``.
        lang: ``en`` (full digits) or ``zh`` (万/亿 from 10,000).
        key: the metric's registry key.
    Returns:
        The formatted text.

    >>> format_value(1234567, "count"), format_value(0.0342, "ratio"), format_value(2.5e6, "CNY")
    ('1,234,567', '3.42%', '¥2,500,000')
    >>> format_value(2.5e6, "CNY", "zh"), format_value(3.25, "days", "zh")
    ('¥250万', '3.2天')
    >>> format_value(-62829.4, "CNY"), format_value(-0.487, "ratio", key="roi")
    ('−¥62,829', '−48.7%')
    >>> format_value(3.4167, "per_1000")  # a rate per 1,000 orders keeps its decimals
    '3.42'
    """
    return format_metric(key, value, lang, unit)


def card_value(entry: Mapping[str, Any], lang: str = "en") -> str:
    """An index card's value as HTML: as :func:`format_value`, a loss below break-even in red."""
    return value_html(entry.get("key"), entry.get("value"), lang, entry.get("unit"))


def card_change(entry: Mapping[str, Any], field: str, lang: str = "en") -> str:
    """An index card's change (``vs_prior`` or ``vs_last_year``) as HTML, as the registry
    says: relative percent or percentage points, its tone from
    :func:`storebook.measures.metrics.change_tone`, the pack's markup (``class="chg tone-…"``,
    ``data-metric``, ``data-sign``).

    >>> card_change({"key": "refund_rate", "value": 0.0275, "vs_prior": -0.238}, "vs_prior")
    '<span class="chg tone-good" data-metric="refund_rate" data-sign="-">▼&nbsp;−0.86&nbsp;pp</span>'
    """
    key = entry.get("key")
    return change_html(key, shown_change(key, entry.get("value"), entry.get(field)), lang)


# -- index, provenance, swap ----------------------------------------------------------------
def write_index(path: Path, plan: ReportPlan, context: Mapping[str, Any], reports: list[ReportRun],
                out_root: Path, files: Mapping[str, Any] | None = None) -> None:
    """Write the month's ``index.html``: the summary, the key cards, every report with status
    and links, other months, provenance in the footer (storebook.report.index_page).

    Args:
        path: where to write it (in the pack's folder, beside the executed notebooks).
        plan: the run's plan.
        context: the header context (store, month, time, revision, fingerprint, lang).
        reports: every report of the pack, in pack order.
        out_root: the outputs folder, searched for the other months' packs.
        files: the pack's PDFs (``index``, ``pack``) where printed.
    """
    use_currency(plan.currency)
    page = index_page.render_index(
        path.parent, plan.lang, context=context, labels=LABELS[plan.lang], reports=reports,
        months=packs.month_links(out_root, plan.month, plan.lang),
        languages=packs.language_links(out_root, plan.month, plan.lang), css=house_css(),
        value_text=lambda v, unit: format_value(v, unit, plan.lang),
        card_value=lambda entry: card_value(entry, plan.lang),
        card_change=lambda entry, field: card_change(entry, field, plan.lang),
        versions=package_versions(), files=files,
    )
    page, _ = strip_network_references(page)
    path.write_text(page, encoding="utf-8")


def _print_pack(building: Path, plan: ReportPlan, context: Mapping[str, Any],
                reports: list[ReportRun]) -> tuple[dict[str, Any], list[str]]:
    """--pdf: the index and every page printed, and the whole pack's PDF (storebook.report.pdf)."""
    pages = [building / "index.html"] + [building / r.html for r in reports if r.html]
    frame = pdf.PrintFrame(store=context["store"], month=plan.month, lang=plan.lang)
    printed = pdf.print_pack(building, pages, frame, runs={r.name: r for r in reports})
    files = {"index": printed.pages.get("index.html"), "pack": printed.pack, "pages": printed.page_counts}
    return files, printed.messages


def _write_run_json(path: Path, plan: ReportPlan, context: Mapping[str, Any], reports: list[ReportRun],
                    started: dt.datetime, finished: dt.datetime, files: Mapping[str, Any] | None = None) -> None:
    record = {
        "month": plan.month,
        "status": "ok" if all(r.ok for r in reports) else "failed",
        "parameters": {
            "month": plan.month, "platforms": plan.platforms, "lang": plan.lang, "jobs": plan.jobs,
            "only": [n for n in plan.notebooks] if len(plan.notebooks) < len(plan.pack) else None,
            "out": str(plan.out_root), "notebook_parameters": plan.parameters,
        },
        "platforms": plan.resolved_platforms,
        "platforms_with_data": plan.present_platforms,
        "month_coverage": plan.month_info,
        "store": context["store"],
        "code_revision": context["revision"],
        "data_fingerprint": plan.fingerprint,
        "data_ingested_at": plan.ingested_at,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 2),
        "versions": package_versions(),
        "pdf": dict(files) if files else None,
        "notebooks": {
            r.name: {k: v for k, v in asdict(r).items() if k not in ("cells_done", "cells_total")}
            for r in reports
        },
    }
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


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
    """For the duration of a run: kernels see the same workbook root, papermill stays quiet.

    Kernels inherit the parent's environment, so STOREBOOK_ROOT points them at the
    workbook being reported on. Papermill logs "Passed unknown parameter" and "Unable to
    parse line" for each notebook; plan_report has checked the parameters itself.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.old: str | None = None
        self.logger = logging.getLogger("papermill")
        self.level = self.logger.level

    def __enter__(self) -> None:
        self.old = os.environ.get("STOREBOOK_ROOT")
        os.environ["STOREBOOK_ROOT"] = str(self.config.root)
        self.level = self.logger.level
        self.logger.setLevel(logging.ERROR)

    def __exit__(self, *_: Any) -> None:
        self.logger.setLevel(self.level)
        if self.old is None:
            os.environ.pop("STOREBOOK_ROOT", None)
        else:
            os.environ["STOREBOOK_ROOT"] = self.old


def code_revision(path: Path) -> str:
    """``git rev-parse HEAD`` of the checkout holding ``path``, ``-dirty`` if it has changes.

    Args:
        path: a folder inside the checkout (the notebooks' folder).
    Returns:
        The commit id (plus ``-dirty``), or ``unknown`` outside git.
    """
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(path), *args], capture_output=True, text=True,
                              timeout=20, check=True).stdout.strip()
    try:
        head = git("rev-parse", "HEAD")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    try:
        dirty = git("status", "--porcelain")
    except (OSError, subprocess.SubprocessError):
        # A slow `git status` on a loaded machine (it walks the whole tree) must not lose the
        # commit id, which is the provenance that matters: keep it, clean or not unknown.
        dirty = ""
    return f"{head}-dirty" if dirty else head


def package_versions() -> dict[str, str]:
    """Python and the versions of the packages that shape a report."""
    versions = {"python": _platform.python_version()}
    for name in PROVENANCE_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


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
