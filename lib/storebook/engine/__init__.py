"""The engine: the store as code sees it, below every other layer.

Settings (:mod:`~storebook.engine.config`), the processed tables' contract
(:mod:`~storebook.engine.schema`, :mod:`~storebook.engine.vocab`,
:mod:`~storebook.engine.identity`), their on-disk layout (:mod:`~storebook.engine.generations`,
:mod:`~storebook.engine.locks`), periods and the calendar, what the data cover
(:mod:`~storebook.engine.availability`, :mod:`~storebook.engine.dimensions`) and the
:class:`~storebook.engine.workbook.Workbook` that reads them. The contract lives here, not in
ingest, because both ingest (which writes it) and the workbook (which reads it) need it:
arrows point down only. Imports nothing of storebook but :mod:`storebook.errors`.
"""
