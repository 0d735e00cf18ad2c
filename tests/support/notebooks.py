"""Run a report notebook the two ways the tests do, and read what it shows.

* :func:`run_notebook`: in a Jupyter kernel with papermill, as ``storebook report`` runs it
  (one retry when a kernel fails to start, papermill#511); returns the executed notebook.
* :func:`run_notebook_in_process`: in this process, no kernel. A kernel costs seconds to
  start and to import pandas, Ibis and matplotlib; the pack matrices (sparse stores, the
  duties' notebooks) would pay that for every notebook. Here the notebook's code cells run,
  in order, in one IPython shell of this process, with the parameters cell replaced by the
  run's values (as papermill injects them); every display output is captured as papermill
  would store it, and the first exception stops the notebook (as it stops papermill). The
  shell is IPython's own, so ``storebook.report.page``'s display calls, its custom exception
  handler and the recorded results behave as in a kernel.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from storebook.report.pack import KERNEL_NAME
from storebook.report.results import MIME
from support.stores import REPO, TEST_KEY

# ----------------------------------------------------------------------------- in a kernel

def run_notebook(name: str, parameters: dict[str, Any], root: Path, out_dir: Path) -> nbformat.NotebookNode:
    """Execute notebooks/<name>.ipynb with papermill against the workbook at ``root``.

    Args:
        name: the report notebook.
        parameters: values for its parameters cell.
        root: the workbook root (``STOREBOOK_ROOT`` while it runs, with the test hash key).
        out_dir: where the executed notebook is written, as ``<name>--<parameters>.ipynb``.
    Returns:
        The executed notebook (papermill raises when a cell raises).
    """
    import papermill as pm

    out_dir.mkdir(parents=True, exist_ok=True)
    label = "-".join(f"{k}={v}" for k, v in sorted(parameters.items())).replace("/", "_")[:80] or "defaults"
    output = out_dir / f"{name}--{label}.ipynb"
    env = {"STOREBOOK_ROOT": str(root), "STOREBOOK_HASH_KEY": TEST_KEY}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        for attempt in (1, 2):
            try:
                pm.execute_notebook(str(REPO / "notebooks" / f"{name}.ipynb"), str(output), parameters=parameters,
                                    kernel_name=KERNEL_NAME, progress_bar=False, cwd=str(REPO / "notebooks"))
                break
            except (RuntimeError, TimeoutError) as exc:  # kernel did not start: retry once
                if attempt == 2 or "kernel" not in str(exc).lower():
                    raise
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    return nbformat.read(output, as_version=4)


def outputs(nb: nbformat.NotebookNode, kind: str) -> list[dict]:
    """Every output of type ``kind`` (``display_data``, ``error`` …) of an executed notebook."""
    return [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == kind]


def errors(nb: nbformat.NotebookNode) -> list[dict]:
    """The error outputs of an executed notebook."""
    return outputs(nb, "error")


def report_text(nb: nbformat.NotebookNode) -> str:
    """Every Markdown output of an executed notebook (headings, takeaways, notices)."""
    return "\n".join(o["data"]["text/markdown"] for c in nb.cells for o in c.get("outputs", [])
                     if "text/markdown" in o.get("data", {}))


# ----------------------------------------------------------------------------- in this process


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
