"""storebook: the analysis workbook of a multi-platform e-commerce department.

The package is layered; each layer imports only from the layers below it
(docs/architecture.md, checked by tests/test_layout.py):

* :mod:`storebook.engine` — the store as code sees it: settings, the processed tables'
  contract and layout, periods, the calendar, and the :class:`Workbook` that reads them;
* :mod:`storebook.ingest` — raw exports → the canonical tables (source adapters);
* :mod:`storebook.sample` — the fictional sample store, written as platform exports;
* :mod:`storebook.measures` — the building blocks every report shares, each defined once,
  and the metric registry;
* :mod:`storebook.areas` — one module per report (traffic, conversion …), never importing
  each other;
* :mod:`storebook.report` — pages, tables, charts, words, facts and the monthly pack;
* :mod:`storebook.cli` — the ``storebook`` command.

A report notebook reads like the department talks: ``storebook.traffic.daily_traffic(wb,
period)``. Each area module, and the report modules a notebook uses, are therefore reachable
under a short name (``storebook.traffic`` is :mod:`storebook.areas.traffic`), imported on
first use so that ``import storebook`` stays cheap.

The processed tables, DuckDB in-process (a workbook root with a store: see README.md):

    import storebook
    wb = storebook.open()
    storebook.traffic.summarise_traffic(wb, wb.period("2026-10"))
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

# One BLAS thread unless the user chose otherwise, set before numpy is first imported (here,
# in a report kernel). The forecasts solve hundreds of small least-squares problems
# (700 days × 30 columns): OpenBLAS's thread pool made the planning page 14× slower in CPU
# and 15× in wall time on a shared 2-core machine (docs/performance.md), and the pack already
# runs one kernel per core. Kernels and workers started from here inherit the setting.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from storebook.errors import InputError, NoDataError, StorebookError  # noqa: E402

if TYPE_CHECKING:  # what the lazy names below are, for type checkers and editors
    from storebook.engine.config import Config
    from storebook.engine.workbook import Workbook, open  # noqa: A004

#: The engine's entry points, imported on first use too: ``import storebook`` runs before any
#: command does (the package comes first), and pandas, Ibis and pydantic take ~0.8 s. The
#: report command starts its kernels' template (storebook.report.kernels) before paying that.
_ENGINE: dict[str, str] = {
    "Config": "storebook.engine.config",
    "Workbook": "storebook.engine.workbook",
    "open": "storebook.engine.workbook",
}

#: Short names a notebook uses → the module they stand for (imported on first use): every
#: module of storebook/areas (a new area needs no line here), and the report modules a
#: notebook calls.
SHORT_NAMES: dict[str, str] = {
    **{m.name: f"storebook.areas.{m.name}" for m in pkgutil.iter_modules(
        [str(Path(__file__).parent / "areas")]) if not m.name.startswith("_")},
    "notebook": "storebook.report.page",
    "plots": "storebook.report.plots",
    "tables": "storebook.report.tables",
    "results": "storebook.report.results",
}

__all__ = ["Config", "InputError", "NoDataError", "StorebookError", "Workbook", "open", *SHORT_NAMES]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``storebook.traffic`` and the other short names of :data:`SHORT_NAMES`, and the engine's
    entry points (:data:`_ENGINE`), on first use."""
    if name in SHORT_NAMES:
        module = importlib.import_module(SHORT_NAMES[name])
        globals()[name] = module
        return module
    if name in _ENGINE:
        value = getattr(importlib.import_module(_ENGINE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'storebook' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted({*globals(), *SHORT_NAMES, *_ENGINE})
