"""Ingest: raw platform exports → the canonical tables of the processed store.

The layer above :mod:`storebook.engine` (whose contract, layout and settings it writes
to): source adapters recognise and read each file (:mod:`storebook.ingest.sources`),
:mod:`storebook.ingest.parsing` turns text into typed values, and the pipeline
(:mod:`storebook.ingest.pipeline`) validates, checks across files and writes a new
generation of Parquet tables.
"""

from storebook.ingest.pipeline import IngestReport, ingest, read_rejected

__all__ = ["IngestReport", "ingest", "read_rejected"]
