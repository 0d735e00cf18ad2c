"""Ingest: raw platform exports → the canonical tables of the processed store.

The layer above :mod:`storebook.engine` (whose contract, layout and settings it writes
to): source adapters recognise and read each file (:mod:`storebook.ingest.sources`),
:mod:`storebook.ingest.parsing` turns text into typed values, and the pipeline
(:mod:`storebook.ingest.pipeline`) validates, checks across files and writes a new
generation of Parquet tables.

The pipeline is imported when first asked for, not with the package: a parse worker imports
``storebook.ingest.perfile`` and its parsing modules only (see :mod:`storebook.ingest.workers`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storebook.ingest.pipeline import IngestReport, ingest, read_rejected

__all__ = ["IngestReport", "ingest", "read_rejected"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from storebook.ingest import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
