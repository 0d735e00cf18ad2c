"""Run report notebooks inside the test process (no kernel), and build sparse stores.

A kernel costs seconds to start and to import pandas, Ibis and matplotlib; a pack run per
sparse store would pay that eleven times. Here the notebook's code cells run, in order, in
one IPython shell of this process, with the parameters cell replaced by the run's values
(as papermill injects them); every display output is captured as papermill would store it,
and the first exception stops the notebook (as it stops papermill). The shell is IPython's
own, so ``storebook.notebook``'s display calls, its custom exception handler and the
recorded results behave as in a kernel.

Sparse stores are made from an ingested store's processed folder: tables are linked (not
copied, not re-ingested) except those removed or blanked.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import math
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pyarrow as pa
import pyarrow.parquet as pq

from storebook import needs
from storebook.results import MIME

REPO = Path(__file__).resolve().parents[1]


@dataclass
class NotebookRun:
    """What one notebook did: its outputs, the exception that stopped it, its records."""

    name: str
    outputs: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    stderr: str = ""
    stdout: str = ""
    warnings: list[str] = field(default_factory=list)

    def payloads(self) -> list[dict[str, Any]]:
        return [o[MIME] for o in self.outputs if MIME in o]

    @property
    def results(self) -> dict[str, Any]:
        return {p["name"]: p["value"] for p in self.payloads()}

    @property
    def result_sections(self) -> dict[str, str | None]:
        return {p["name"]: p.get("section") for p in self.payloads()}

    @property
    def markdown(self) -> list[str]:
        return [o["text/markdown"] for o in self.outputs if "text/markdown" in o]


def _capture():
    """A display publisher that keeps each output's MIME bundle (in ``.outputs``)."""
    from IPython.core.displaypub import DisplayPublisher

    class Capture(DisplayPublisher):
        def __init__(self) -> None:
            super().__init__()
            self.outputs: list[dict[str, Any]] = []

        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **_: Any) -> None:
            self.outputs.append(dict(data))

    return Capture()


def _shell():
    import matplotlib

    matplotlib.use("Agg")
    from IPython.core.interactiveshell import InteractiveShell

    return InteractiveShell.instance()


def run_notebook_in_process(name: str, parameters: dict[str, Any], root: Path) -> NotebookRun:
    """Execute notebooks/<name>.ipynb here, against the workbook root ``root``.

    Args:
        name: the pack notebook.
        parameters: values for its parameters cell (month, platforms, data_path, language).
        root: the project folder storebook.toml is read from (``STOREBOOK_ROOT``).
    Returns:
        The :class:`NotebookRun`.
    """
    # In a copy of the context: what a notebook sets for its store (the currency amounts are
    # shown in, the language) must not leak into the tests that run after it in this process.
    return contextvars.copy_context().run(_run_notebook, name, parameters, root)


def _run_notebook(name: str, parameters: dict[str, Any], root: Path) -> NotebookRun:
    import matplotlib.pyplot as plt

    nb = nbformat.read(REPO / "notebooks" / f"{name}.ipynb", as_version=4)
    shell = _shell()
    shell.run_line_magic("colors", "nocolor")
    capture = _capture()
    saved_pub, saved_ns = shell.display_pub, dict(shell.user_ns)
    shell.display_pub = capture
    values = {"month": None, "platforms": None, "data_path": None, "language": "en", **parameters}
    run = NotebookRun(name)
    env = {"STOREBOOK_ROOT": str(root), "STOREBOOK_HASH_KEY": "storebook-test-key"}
    saved_env = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    stderr, stdout = io.StringIO(), io.StringIO()
    try:
        shell.user_ns.update(values)
        with (contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout),
              warnings.catch_warnings(record=True) as caught):
            for cell in nb.cells:
                if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
                    continue
                outcome = shell.run_cell(cell.source, store_history=False, silent=False)
                if outcome.error_in_exec is not None or outcome.error_before_exec is not None:
                    exc = outcome.error_in_exec or outcome.error_before_exec
                    run.error = f"{type(exc).__name__}: {exc}"
                    break
        run.warnings = [f"{w.category.__name__}: {w.message}" for w in caught]
    finally:
        plt.close("all")
        shell.display_pub = saved_pub
        shell.user_ns.clear()
        shell.user_ns.update(saved_ns)
        shell.set_custom_exc((), None)
        for k, v in saved_env.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    run.outputs = capture.outputs
    run.stderr, run.stdout = stderr.getvalue(), stdout.getvalue()
    return run


# ----------------------------------------------------------------------------- sparse stores

def link_store(source: Path, target: Path, *, drop: tuple[str, ...] = (), keep: tuple[str, ...] | None = None,
               blank: dict[str, tuple[str, ...] | dict[str, int]] | None = None, window: tuple[str, str] | None = None) -> Path:
    """A processed folder made of ``source``'s tables: linked, minus ``drop`` (or only ``keep``),
    with the columns of ``blank`` (table → columns, or column → n: every n-th row) set to
    null in a rewritten copy, and the
    event tables cut to the days ``window`` = (first, last) when given.

    Returns:
        ``target`` (the folder to pass as ``data_path``).
    """
    import pyarrow.compute as pc

    from storebook import generations
    from storebook.availability import EVENT_DATES

    # The tables live in the published generation; the copy is a flat folder of its own.
    source = Path(generations.resolve(source).data)
    target.mkdir(parents=True, exist_ok=True)
    blank = blank or {}
    for entry in sorted(source.iterdir()):
        name = entry.name
        is_table = entry.is_dir() and not name.startswith("_")
        if is_table and (name in drop or (keep is not None and name not in keep)):
            continue
        if name == "_cache":
            continue
        cut = window is not None and name in EVENT_DATES
        if is_table and (name in blank or cut):
            table = pq.read_table(entry)
            columns = blank.get(name, ())
            for column, every in (columns.items() if isinstance(columns, dict) else ((c, 1) for c in columns)):
                i = table.schema.get_field_index(column)
                field = table.schema.field(i)
                if every == 1:
                    values = pa.nulls(len(table), field.type)
                else:  # every n-th row unknown: a column known for part of the rows
                    mask = pa.array([k % every == 0 for k in range(len(table))])
                    values = pc.if_else(mask, pa.nulls(len(table), field.type), table[column])
                table = table.set_column(i, field.with_nullable(True), values)
            if cut:
                first, last = (pa.scalar(pd_ts, type=pa.timestamp("us")) for pd_ts in _bounds(window))
                # a row stays when every date it has falls in the window (a PO ordered before it goes)
                inside = None
                for column in EVENT_DATES[name]:
                    values = pc.cast(table[column], pa.timestamp("us"))
                    cond = pc.fill_null(pc.and_(pc.greater_equal(values, first), pc.less(values, last)), True)
                    inside = cond if inside is None else pc.and_(inside, cond)
                table = table.filter(pc.and_(inside, pc.is_valid(table[EVENT_DATES[name][0]])))
            (target / name).mkdir()
            pq.write_table(table, target / name / "part-0.parquet")
        else:
            (target / name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    return target


def _bounds(window: tuple[str, str]):
    """The window's first day and the day after its last, as datetimes."""
    import datetime as dt

    first, last = (dt.date.fromisoformat(d) for d in window)
    return dt.datetime.combine(first, dt.time()), dt.datetime.combine(last + dt.timedelta(days=1), dt.time())


# ----------------------------------------------------------------------------- comparing

def same_value(a: Any, b: Any, rel: float = 1e-9) -> bool:
    """Equal recorded values, floats to a relative ``rel`` (sums in another order differ in
    the last bits)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k], rel) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y, rel) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)
    return a == b


def run_pack(names: list[str], data_path: Path, root: Path) -> dict[str, dict]:
    """Run the notebooks ``names`` in this process on ``data_path``; each one's error, stderr,
    warnings, recorded results, the section of each record and its Markdown."""
    out = {}
    for name in names:
        run = run_notebook_in_process(name, {"data_path": str(data_path)}, root)
        out[name] = {"error": run.error, "stderr": run.stderr, "warnings": run.warnings, "results": run.results,
                     "sections": run.result_sections, "markdown": run.markdown}
    return out


def check_runs_clean(pack: dict[str, dict]) -> None:
    """Every notebook ran to its end: no exception, nothing on stderr, every section with a status,
    a section that could not run shows its note and records nothing."""
    for name, run in pack.items():
        assert run["error"] is None, f"{name}: {run['error']}"
        assert run["stderr"] == "", f"{name}: {run['stderr'][:500]}"
        assert run["warnings"] == [], f"{name}: {run['warnings'][:3]}"  # a kernel prints them to stderr
        sections = run["results"][f"{name}.sections"]
        assert sections and all(s["status"] in needs.STATUSES for s in sections), name
        for s in sections:
            if s["status"] == needs.NONE:
                assert s["notes"] and s["notes"][0], f"{name}: {s['key']} has no note"
                recorded = [k for k, sec in run["sections"].items() if sec == s["key"]]
                assert recorded == [], f"{name}: {s['key']} ran on no data yet recorded {recorded}"
            if s["status"] == needs.PARTIAL:
                assert s["notes"], f"{name}: {s['key']} is partial without saying why"
        traceback = [m for m in run["markdown"] if "Traceback" in m]
        assert traceback == [], name
