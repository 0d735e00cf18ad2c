"""The pack's request and records: the checked plan, each notebook's run, the pack's result.

:func:`plan_report` checks a ``storebook report`` request against the workbook and the
notebooks before any kernel starts (month, data for it, platforms, notebook names,
parameter names: papermill itself only warns about an unknown one); :mod:`storebook.report.pack`
runs the plan.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storebook.engine import periods
from storebook.engine.config import Config
from storebook.errors import Said, StorebookError, joined
from storebook.report.text import LANGUAGES

#: The parameters every pack notebook takes (docs/notebooks.md, "Parameters").
NOTEBOOK_PARAMETERS = ("month", "platforms", "data_path", "language")


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
    currency_stated: bool = True         # False: the default, neither set nor in the exports
    #: How an unstated currency was inferred: "mixed", "region", "setting" (identity.infer_currency), "" if not.
    currency_how: str = ""
    month_info: dict[str, Any] = field(default_factory=dict)   # storebook.engine.availability.ReportMonth.record()
    present_platforms: list[str] = field(default_factory=list)  # platforms with data in the month
    spans: dict[str, list[str]] = field(default_factory=dict)  # event table → [first, last] day (ISO)
    data_dir: str = ""                   # the folder of the tables the plan read
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)  # storebook.report.needs.pack_profiles


#: The environment variable through which the pack tells its kernels what its plan read of
#: the data (:func:`known_availability`), so that each notebook's setup does not ask again.
KNOWN_AVAILABILITY = "STOREBOOK_PACK_AVAILABILITY"


def known_availability(plan: ReportPlan) -> str:
    """What the plan read of the data, for :data:`KNOWN_AVAILABILITY`: the tables' spans and
    the month's platforms and its tables' profiles, with the folder and fingerprint of the data
    they hold for.

    Args:
        plan: the checked plan.
    Returns:
        JSON text (storebook.report.page.start takes it only for the same data).
    """
    import json

    return json.dumps({"data_dir": plan.data_dir, "fingerprint": plan.fingerprint, "spans": plan.spans,
                       "month": plan.month, "platforms": plan.resolved_platforms,
                       "present": plan.present_platforms, "profiles": plan.profiles})


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
    from storebook.report import needs

    if lang not in LANGUAGES:
        raise ReportRequestError(f"language '{lang}' is not available; use one of {', '.join(LANGUAGES)}",
                                 key="error.report.language", values={"lang": lang, "languages": ", ".join(LANGUAGES)})
    if jobs is not None and jobs < 1:
        raise ReportRequestError(f"--jobs {jobs}: give at least 1 parallel kernel", key="error.report.jobs",
                                 values={"jobs": jobs})
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
            "the report pack is empty: list the notebooks under [report] pack in storebook.toml",
            key="error.report.pack_empty",
        )
    names = _split_names(only) if only else list(pack)
    unknown = [n for n in names if n not in pack]
    if unknown:
        raise ReportRequestError(
            f"unknown notebook(s) {', '.join(unknown)}: the report pack is {', '.join(pack)} "
            "([report] pack in storebook.toml)",
            key="error.report.unknown_notebooks", values={"unknown": ", ".join(unknown), "pack": ", ".join(pack)},
        )
    folder = Path(notebooks_dir).resolve() if notebooks_dir else config.notebooks_dir
    missing = [n for n in names if not (folder / f"{n}.ipynb").is_file()]
    if missing:
        raise ReportRequestError(
            f"notebook(s) {', '.join(missing)} of the report pack not found in {folder} "
            f"(expected {missing[0]}.ipynb): add the notebook or remove it from [report] pack",
            key="error.report.notebooks_missing",
            values={"missing": ", ".join(missing), "folder": str(folder), "first": missing[0]},
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
        currency_stated=wb.identity().currency_stated,
        currency_how=(wb.identity().currency_inferred or {}).get("how", ""),
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
        spans={t: [span.first.isoformat(), span.last.isoformat()] for t, span in availability.table_spans(wb).items()},
        data_dir=str(wb.data_dir),
        profiles=needs.pack_profiles(wb, chosen, resolved),
    )


def plan_report_apart(config: Config, **request: Any) -> ReportPlan:
    """:func:`plan_report` in a forked child process; the same plan, or the same error.

    Planning opens the workbook: Ibis, DuckDB and the buffers of its questions (85 MB at
    50M order lines) would stay in the command for the whole pack, beside the kernels that
    do the work. A child that exits after planning gives them back. It is forked only from
    a process with no other thread (a fork copies a lock another thread holds, so a child
    could wait on it forever): elsewhere, and where there is no ``fork``, it plans here.

    Args:
        config: the workbook configuration.
        request: :func:`plan_report`'s keyword arguments.
    Returns:
        The checked :class:`ReportPlan`.
    Raises:
        StorebookError: what :func:`plan_report` raised (an error that cannot cross a process
            boundary arrives as a StorebookError with its message).
    """
    import threading

    if not hasattr(os, "fork") or threading.active_count() > 1:
        return plan_report(config, **request)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_plan_and_send, args=(send, config, request), name="storebook-plan",
                            daemon=True)
    child.start()
    send.close()
    try:
        kind, value = receive.recv()
    except EOFError:
        child.join()
        raise StorebookError(
            f"planning the report stopped (exit status {child.exitcode}) before it gave a plan; "
            "run the command again, and report it if it stops the same way"
        ) from None
    finally:
        receive.close()
        if child.is_alive():
            child.join(timeout=5)
        if child.is_alive():
            child.kill()
    if kind == "error":
        raise value
    return value


def _plan_and_send(send: Any, config: Config, request: dict[str, Any]) -> None:
    """The child's side of :func:`plan_report_apart`: the plan or the error, pickled back."""
    import pickle
    import traceback

    try:
        outcome: tuple[str, Any] = ("plan", plan_report(config, **request))
    except BaseException as exc:  # noqa: BLE001 - every outcome goes back to the command
        if not isinstance(exc, StorebookError | KeyboardInterrupt):
            # A bug: its traceback is the child's, which the command cannot show otherwise.
            exc.add_note("in the report's planning process:\n" + "".join(traceback.format_exception(exc)))
        try:
            pickle.loads(pickle.dumps(exc))
            outcome = ("error", exc)
        except Exception:  # noqa: BLE001 - an error whose arguments do not survive pickling
            outcome = ("error", StorebookError(str(exc)))
    send.send(outcome)
    send.close()


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
    problems: list[tuple[str, Said]] = []  # (the English, the same words by catalogue key)
    for path in notebooks.values():
        try:
            declared = declared_parameters(path)
        except SyntaxError as exc:
            problems.append((f"{path.name}: its parameters cell is not valid Python (line {exc.lineno}: {exc.msg})",
                             Said("error.report.parameters.invalid",
                                  {"notebook": path.name, "line": exc.lineno, "reason": exc.msg})))
            continue
        if declared is None:
            problems.append((f"{path.name} has no cell tagged 'parameters' (it must declare {', '.join(parameters)})",
                             Said("error.report.parameters.none",
                                  {"notebook": path.name, "parameters": ", ".join(parameters)})))
            continue
        unknown = [p for p in parameters if p not in declared]
        if unknown:
            problems.append((f"{path.name} does not declare the parameter(s) {', '.join(unknown)} "
                             f"(its parameters cell has {', '.join(declared) or 'none'})",
                             Said("error.report.parameters.undeclared",
                                  {"notebook": path.name, "unknown": ", ".join(unknown),
                                   "declared": ", ".join(declared) if declared
                                   else Said("error.report.parameters.declared_none", {})})))
    if problems:
        raise ReportRequestError(
            "; ".join(english for english, _ in problems) + ": add them to the cell tagged 'parameters' or correct the name",
            key="error.report.parameters", values={"problems": joined([said for _, said in problems])},
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
    import json

    # The JSON itself, not nbformat.read: its schema validation took 25 ms a notebook, 15 times
    # before a pack's first kernel starts (papermill validates each notebook when it runs it).
    nb = json.loads(path.read_text(encoding="utf-8"))
    if nb.get("nbformat", 4) < 4:  # an old notebook: nbformat converts it
        import nbformat

        nb = nbformat.read(str(path), as_version=4)
    cells = [c for c in nb["cells"] if c.get("cell_type") == "code"
             and "parameters" in (c.get("metadata") or {}).get("tags", [])]
    if not cells:
        return None
    names: list[str] = []
    for cell in cells:
        text = cell.get("source") or ""
        text = "".join(text) if isinstance(text, list) else text
        # IPython magics and shell lines are not Python; they declare nothing.
        source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in text.splitlines())
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
