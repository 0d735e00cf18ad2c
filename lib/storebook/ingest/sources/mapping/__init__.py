"""The mapping language of ``storebook.sources.yaml`` (docs/sources.md).

A declared source is checked on its own (:mod:`.spec`), compiled against its file's header
to DuckDB queries (:mod:`.compile`, with the SQL pieces and the locked-down connection in
:mod:`.sql`) and run on the file's rows (:mod:`.run`). The adapter that reads the files
and yields the tables is :class:`storebook.ingest.sources.custom.CustomSource`.
"""
