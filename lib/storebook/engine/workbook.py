"""The engine: a Workbook is an Ibis connection over the processed tables plus the config.

Metric functions are written once as Ibis expressions and call :meth:`Workbook.execute`,
which runs them and normalises the result's dtypes in one place (engines disagree on date
resolution and on nullable integers). The backend is chosen by one connect argument:
DuckDB in-process by default; the same expressions run on any Ibis backend.

Which folder holds the tables is decided once, when the workbook is opened, by
:func:`storebook.engine.generations.resolve`: the current generation of data/processed (or a
folder in the flat layout). An open workbook keeps reading that generation while newer
ingests publish others; it is kept until the ingest after the next one.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import ibis
import ibis.expr.datatypes as dt
import numpy as np
import pandas as pd
import pyarrow as pa

from storebook.engine import generations, periods, questions, schema, shapes
from storebook.engine.config import Config
from storebook.engine.identity import StoreIdentity, identify
from storebook.engine.sqltext import literal, quote
from storebook.errors import NoDataError, StorebookError


def _quiet_warnings() -> None:
    """The warning filters of the package, in one place."""
    # Ibis warns on every to_pandas() about a pandas-4 behaviour change it has handled.
    warnings.filterwarnings("ignore", message=".*Pandas4Warning.*")
    warnings.filterwarnings("ignore", category=FutureWarning, module="ibis")
    warnings.filterwarnings("ignore", message="fetch_arrow_table.. is deprecated", category=DeprecationWarning)
    try:
        from pandas.errors import Pandas4Warning  # type: ignore[attr-defined]
        warnings.filterwarnings("ignore", category=Pandas4Warning)
    except ImportError:  # older pandas has no such warning
        pass


#: Dtypes :func:`normalise` leaves as they are: int64, float64 and bool columns (numpy's: no
#: gaps), datetimes in microseconds, and pandas' text dtype (``str``).
_FINAL_DTYPES = (np.dtype("int64"), np.dtype("float64"), np.dtype("bool"), np.dtype("datetime64[us]"),
                 pd.api.types.pandas_dtype("str"))


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a result frame the package's dtypes.

    Datetimes (and dates) → ``datetime64[us]``; integers with gaps → float64, without →
    int64; decimals → float64; flags with gaps → ``boolean``, without → bool; text → ``str``.
    Returns a new frame.

    >>> normalise(pd.DataFrame({"n": pd.array([1, None], dtype="Int64")})).dtypes["n"]
    dtype('float64')
    """
    if all(dtype in _FINAL_DTYPES for dtype in frame.dtypes.tolist()):
        # Every column already the package's (the usual answer): the loop below would give each
        # back unchanged and build the frame again from them, ~0.4 ms for a dozen columns, a
        # few % of a small question (issue #17). A shallow copy is a new frame (copy-on-write).
        return frame.copy(deep=False)
    out = {}
    for name, col in frame.items():
        if col.dtype in _FINAL_DTYPES:
            # Already the package's dtype (a numpy column has no gap to look for): every branch
            # below would give it back unchanged, after ~0.15 ms of dtype checks a column.
            out[name] = col
            continue
        if isinstance(col.dtype, pd.DatetimeTZDtype):
            col = col.dt.tz_localize(None)
        if pd.api.types.is_datetime64_any_dtype(col):
            out[name] = col.astype("datetime64[us]")
        elif pd.api.types.is_bool_dtype(col) and not col.isna().any():
            out[name] = col.astype(bool)
        elif pd.api.types.is_integer_dtype(col):
            out[name] = col.astype("float64") if col.isna().any() else col.astype("int64")
        elif pd.api.types.is_float_dtype(col):
            out[name] = col.astype("float64")
        elif col.dtype == object and len(col) and isinstance(col.dropna().iloc[0] if col.notna().any() else None, date):
            out[name] = pd.to_datetime(col).astype("datetime64[us]")
        elif col.dtype == object and col.notna().any() and type(col.dropna().iloc[0]).__name__ == "Decimal":
            out[name] = col.astype("float64")
        elif col.dtype == object and col.notna().any() and col.dropna().map(type).isin([bool, np.bool_]).all():
            # A flag with gaps (an optional column): true/false/unknown, not the text "True"/"False"
            # (which the branch below made of it, and "False" is truthy).
            out[name] = col.astype("boolean")
        elif pd.api.types.is_string_dtype(col) or col.dtype == object:
            out[name] = col.astype("str") if not col.isna().all() else col
        else:
            out[name] = col
    return pd.DataFrame(out, index=frame.index)


def _run(con: ibis.BaseBackend, expr: ibis.Expr, compiled: shapes.Shapes | None = None) -> object:
    """Run ``expr`` on ``con``: a table as a pandas frame (for :func:`normalise`), a column as a
    Series, a scalar as a value.

    On DuckDB a table without nested columns comes through Arrow: Ibis's ``to_pyarrow`` (the
    engine's Arrow result cast to the expression's schema) and Arrow's own conversion. Ibis's
    ``to_pandas`` builds the frame column by column, converts every column with a gap
    through Python objects, then converts the frame to the schema again: ~4 ms of a small
    question's ~25, more for larger results (issue #17). After :func:`normalise` the frames
    are the same, except where a column holds no value at all (no rows, or all missing):
    there the two conversions differ (a whole-number column of nulls is float64 by Arrow's,
    objects by Ibis's), so such a column (in a result without rows: all of them) is
    converted as Ibis converts it, from the Arrow table already fetched: an empty month is
    not asked twice. Nested columns (lists, structs) stay with Ibis, which gives Python lists.

    With ``compiled`` (the workbook's :class:`storebook.engine.shapes.Shapes`), the Arrow path
    compiles a question of a shape asked before (the same question for another period) once:
    its SQL is reused with the question's dates bound as parameters. A column, a scalar or a
    table with nested columns is compiled once per shape too (a scorecard's total, a
    section's count: on the 10M store the supplier page's scalar took 12 ms through Ibis's
    compiler for 4 ms of engine work) and converted exactly as Ibis's ``execute`` converts it.
    """
    if con.name != "duckdb":
        return expr.to_pandas()
    if _flat(expr):
        table = compiled.to_pyarrow(con, expr) if compiled is not None else expr.to_pyarrow()
        return _frame_of(table, expr.schema())
    table = compiled.engine_table(con, expr) if compiled is not None else None
    return expr.to_pandas() if table is None else _as_ibis_executes(table, expr)


def _flat(expr: ibis.Expr) -> bool:
    """Whether ``expr`` is a table without nested columns: one :func:`_frame_of` converts."""
    return isinstance(expr, ibis.expr.types.Table) and not any(dtype.is_nested() for dtype in expr.schema().types)


def _frame_of(table: pa.Table, schema: ibis.Schema) -> pd.DataFrame:
    """The frame of a flat question's Arrow answer ``table`` (of the question's ``schema``,
    as Ibis's ``to_pyarrow`` casts it), as :func:`_run` gives it for :func:`normalise`."""
    if not table.num_rows:
        return _as_ibis_converts(table, schema)
    frame = _in_final_types(table).to_pandas(date_as_object=False)
    # Only the columns that hold nothing take Ibis's conversion (a month without a launch has
    # no launch day: through Ibis whole, ~5 ms of a 6 ms question), and of those not the dates,
    # the times without a zone and the floats: Arrow already made them what Ibis and
    # normalise make of them (NaT in microseconds, NaN). A coverage question's empty last
    # day took 0.25 ms through Ibis, and normalise 0.3 ms more to type what Ibis gave back.
    empty = [name for name, column in zip(table.column_names, table.columns, strict=True)
             if column.null_count == table.num_rows and not _arrow_made_it(schema[name])]
    if empty:
        converted = _as_ibis_converts(table.select(empty), ibis.schema({name: schema[name] for name in empty}))
        frame = frame.copy(deep=False)
        for name in empty:
            frame[name] = converted[name]
    return frame


def _arrow_made_it(kind: dt.DataType) -> bool:
    """Whether an empty column of this type is, from Arrow, what :func:`_as_ibis_converts`
    and :func:`normalise` make of it (tests/engine: each type against Ibis's conversion)."""
    return kind.is_date() or (kind.is_timestamp() and kind.timezone is None) or kind.is_floating()


def _in_final_types(table: pa.Table) -> pa.Table:
    """``table`` with its dates, its timestamps of other units and its narrower integers cast
    to what :func:`normalise` makes of them (microsecond timestamps, int64), in Arrow.

    Arrow converts a date to ``datetime64[ms]``, a ``timestamp[s]`` to ``datetime64[s]`` and an
    int8 to int8; :func:`normalise` then builds the frame again column by column, ~1 ms of a
    small question. Cast here, the frame arrives final. An integer with a gap arrives as
    float64 either way, as normalise makes it."""
    changed = False
    fields = []
    for field in table.schema:
        kind = field.type
        if pa.types.is_date(kind) or (pa.types.is_timestamp(kind) and kind.tz is None and kind.unit != "us"):
            kind, changed = pa.timestamp("us"), True
        elif pa.types.is_signed_integer(kind) and kind != pa.int64():
            kind, changed = pa.int64(), True
        fields.append(field.with_type(kind))
    return table.cast(pa.schema(fields, metadata=table.schema.metadata)) if changed else table


def _frame_bytes(frame: pd.DataFrame) -> int:
    """A frame's bytes, not deep: arrow-backed text reports its bytes without a walk over the
    values (an object column's are its pointers; the answers' row cap bounds what it hides).

    Summed over the frame's arrays, not its columns: ``items()`` makes a Series of each
    column, ~0.4 ms for a 17-column answer, a tenth of a small question's time (issue #17).
    """
    try:
        return sum(int(array.nbytes) for array in frame._mgr.arrays)  # noqa: SLF001 - see above
    except AttributeError:  # a pandas whose frames keep their arrays otherwise
        return sum(int(column.nbytes) for _, column in frame.items())


def _as_ibis_converts(table: object, schema: ibis.Schema) -> pd.DataFrame:
    """The frame Ibis's DuckDB ``execute`` makes of an Arrow result ``table`` of a table of
    ``schema`` (ibis.backends.duckdb.Backend.execute, Ibis 12, line for line): nested,
    dictionary and gapped columns through Python values, the others through Arrow, then every
    column converted to the schema's type."""
    import pyarrow.types as pat
    from ibis.backends.duckdb.converter import DuckDBPandasData

    frame = pd.DataFrame({name: column.to_pylist()
                          if pat.is_nested(column.type) or pat.is_dictionary(column.type) or column.null_count
                          else column.to_pandas()
                          for name, column in zip(table.column_names, table.columns, strict=True)})
    return DuckDBPandasData.convert_table(frame, schema)


def _as_ibis_executes(table: object, expr: ibis.Expr) -> object:
    """What Ibis's DuckDB ``execute`` gives for ``expr`` (a table, a column or a scalar) from
    the engine's Arrow result ``table``: :func:`_as_ibis_converts`, then cut to its kind."""
    return expr.__pandas_result__(_as_ibis_converts(table, expr.as_table().schema()))


#: Parquet column types whose DuckDB type is certain (what DESCRIBE of a read_parquet view
#: says for them: BIGINT, INTEGER, DOUBLE, FLOAT, VARCHAR, BOOLEAN, DATE, TIMESTAMP; the types
#: ingest writes), as the Ibis types Ibis's DuckDB type mapper reads those as. A file with any
#: other type is registered through Ibis's read_parquet, which asks DuckDB. The Ibis types are
#: stated rather than parsed from the DuckDB names: the mapper parses each name with sqlglot,
#: ~0.1 ms a column, a dozen columns a table, every table a notebook reads
#: (tests/engine/test_registration.py checks them against DESCRIBE).
_IBIS_TYPES = {"int64": dt.Int64(), "int32": dt.Int32(), "double": dt.Float64(), "float": dt.Float32(),
               "string": dt.String(), "large_string": dt.String(), "bool": dt.Boolean(), "date32[day]": dt.Date(),
               "timestamp[us]": dt.Timestamp(scale=6)}


def parquet_source(folder: str) -> str:
    """The name DuckDB reads a local table's Parquet files by: their glob, which DuckDB's
    replacement scan reads as ``read_parquet('<folder>/*.parquet')``."""
    return f"{folder}/*.parquet"


def _register_local_parquet(con: ibis.BaseBackend, folder: str) -> ibis.Table | None:
    """A local table's Parquet files as an Ibis table, its schema read from their footers.

    Ibis's read_parquet creates a view and then asks DuckDB to DESCRIBE it: a second round
    trip through the engine (and Ibis's own) for a schema the files state. Every report
    question's first use of a table paid it (issue #17). The schema is taken from the
    footers when DuckDB's reading of every column is certain (the types of
    :data:`_IBIS_TYPES`, one schema across the files), and every column is nullable, as
    DESCRIBE reports a view's columns. Anything else returns None: ask DuckDB.

    No view is created either: the table is named by its files' glob
    (:func:`parquet_source`), which DuckDB reads through its replacement scan, the same
    ``read_parquet`` a view would hold. Creating the view made DuckDB bind it (read the
    footers) when it was created, again when a question used it: ~1.2 ms a table of every
    notebook's first question on it. :meth:`Workbook.sql`, which names the tables, creates
    the views itself.
    """
    if con.name != "duckdb" or is_lake_uri(folder):
        return None
    import pyarrow.parquet as pq
    from ibis.expr import operations as ops
    from ibis.expr import schema as sch

    files = sorted(Path(folder).glob("*.parquet"))
    try:
        schemas = {pq.read_schema(f).remove_metadata() for f in files}
    except (OSError, ValueError):
        return None  # DuckDB's read will say what is wrong with the file
    if len(schemas) != 1:
        return None
    (arrow,) = schemas
    types = [_IBIS_TYPES.get(str(field.type)) for field in arrow]
    if None in types or len(set(arrow.names)) != len(arrow.names):
        return None
    schema_ = sch.Schema(dict(zip(arrow.names, types, strict=True)))
    return ops.DatabaseTable(parquet_source(folder), schema=schema_, source=con,
                             namespace=ops.Namespace(catalog=None, database=None)).to_expr()


#: Kept importable from here: the lake helpers live with the resolver.
is_lake_uri = generations.is_lake_uri


class Workbook:
    """Processed tables behind one connection, with the workbook's config.

    Args:
        con: an Ibis backend connection.
        config: the workbook configuration.
        processed_dir: the processed location as given: a folder, or a lake URI
            (``s3a://bucket/processed``) that the backend reads.
        where: which folder under it holds the tables (default: resolved now).
    """

    def __init__(self, con: ibis.BaseBackend, config: Config, processed_dir: Path | str,
                 where: generations.Location | None = None) -> None:
        self.con = con
        self.config = config
        self.processed_dir = processed_dir
        self.where = where or generations.resolve(processed_dir)
        self._tables: dict[str, ibis.Table] = {}
        #: The tables :meth:`sql` has created a view of (by their canonical names).
        self._views: set[str] = set()
        self._identity: StoreIdentity | None = None
        self._manifest: dict | None = None
        self._answers: dict[tuple[str, object], object] = {}
        self._answer_bytes = 0
        #: The open :meth:`reading` records, innermost last.
        self._readers: list[list[str]] = []
        #: How many questions this workbook has sent to the engine (answers it kept are not counted).
        self.questions = 0
        #: Results built from this workbook's tables, kept by the area that built them
        #: (storebook.measures.partial.kept_result): the tables cannot change while it is open.
        self.kept_results: dict[tuple, object] = {}
        #: The SQL of the questions' shapes, compiled once each (storebook.engine.shapes; DuckDB).
        self.shapes = shapes.Shapes(cache=self._sql_cache())

    def _sql_cache(self) -> shapes.SqlCache | None:
        """Where this workbook keeps its shapes' SQL for later kernels: ``_cache/sql`` of the
        processed folder, beside the generations (a kernel that opened a generation's folder
        keeps it there too), so that it outlives the next ingest; None off DuckDB or a lake."""
        data = self.where.data
        if self.con.name != "duckdb" or not isinstance(data, Path):
            return None
        return shapes.SqlCache((generations.owner(data) or Path(self.where.root)) / "_cache" / "sql")

    def __repr__(self) -> str:
        generation = f", generation={self.generation}" if self.generation else ""
        return f"Workbook({self.processed_dir}{generation}, backend={self.con.name}, tables={self.tables()})"

    @property
    def data_dir(self) -> Path | str:
        """The folder (or URI) holding this workbook's tables: a generation, or the flat folder."""
        return self.where.data

    @property
    def generation(self) -> str | None:
        """The generation of data/processed this workbook reads (None in the flat layout)."""
        return self.where.generation

    # -- tables ------------------------------------------------------------------------
    def tables(self) -> list[str]:
        """The canonical tables present in this workbook."""
        return [t for t in schema.TABLE_NAMES if self.has(t)]

    def location(self, name: str) -> str:
        """Where a table's Parquet files are: a folder, or a URI under the lake."""
        return str(self.where.path(name))

    def has(self, name: str) -> bool:
        """Whether the workbook holds the table ``name``."""
        if not is_lake_uri(self.data_dir):
            return Path(self.location(name)).is_dir()
        found = generations.lake_fs(self.location(name))
        if found is None:
            return True  # cannot look: let the engine's read say whether it is there
        import pyarrow.fs

        fs, path = found
        try:
            return fs.get_file_info(path).type == pyarrow.fs.FileType.Directory
        except OSError:
            return True

    def table(self, name: str) -> ibis.Table:
        """The Ibis table of a canonical table.

        Raises:
            NoDataError: the table was not ingested (no raw file for it).
        """
        for read in self._readers:
            read.append(name)
        if name not in schema.TABLE_NAMES:
            raise StorebookError(f"'{name}' is not a canonical table; tables: {', '.join(schema.TABLE_NAMES)}",
                                 key="error.workbook.not_table",
                                 values={"name": str(name), "tables": ", ".join(schema.TABLE_NAMES)})
        if name not in self._tables:
            folder = self.location(name)
            self._check_generation()
            if not self.has(name):
                raise NoDataError(
                    f"the workbook has no '{name}' table ({folder} is missing): put its exports under "
                    f"data/raw/{name}/ and run `storebook ingest`",
                    key="no_data.table", values={"table": name, "folder": str(folder)},
                )
            with self._replaced_generation():
                registered = _register_local_parquet(self.con, folder)
                if registered is None:
                    registered = self.con.read_parquet(parquet_source(folder), table_name=name)
                self._tables[name] = registered
        return self._tables[name]

    @contextlib.contextmanager
    def reading(self) -> Iterator[list[str]]:
        """The names :meth:`table` is asked for inside, in order, a missing table's too.

        A report section records the tables it read this way, and so does a result kept for
        later sections (storebook.measures.partial.kept_result), inside a section: readings nest,
        and a name goes to every one that is open.
        """
        read: list[str] = []
        self._readers.append(read)
        try:
            yield read
        finally:
            self._readers = [other for other in self._readers if other is not read]

    def note_reads(self, names: list[str]) -> None:
        """Note ``names`` in every open :meth:`reading` as if asked for, without opening them.

        A result kept for later sections (storebook.measures.partial.kept_result) lists the
        tables it was built from, a missing one's too (it asked, found nothing, and went on
        without it); a later section that takes the result has read them as well, and asking
        :meth:`table` again would raise for the missing one.
        """
        for read in self._readers:
            read.extend(names)

    def __getattr__(self, name: str) -> ibis.Table:
        if name in schema.TABLE_NAMES:
            return self.table(name)
        raise AttributeError(name)

    # -- running -----------------------------------------------------------------------
    def _check_generation(self) -> None:
        """Raise what happened when the generation this workbook opened has been removed
        by newer ingests since (the engine would only say that a file is missing)."""
        data = self.data_dir
        if self.generation and isinstance(data, Path) and not data.is_dir():
            raise StorebookError(
                f"the processed data this workbook opened (generation {self.generation} of {self.processed_dir}) "
                "has been replaced by newer ingests since: open the workbook again (storebook.open())",
                key="error.workbook.generation_replaced",
                values={"generation": str(self.generation), "processed": str(self.processed_dir)},
            )

    @contextlib.contextmanager
    def _replaced_generation(self) -> Iterator[None]:
        """Run engine work; a failure caused by the generation having been removed says so."""
        try:
            yield
        except Exception as exc:
            try:
                self._check_generation()
            except StorebookError as replaced:
                raise replaced from exc
            raise

    def execute(self, expr: ibis.Expr) -> pd.DataFrame:
        """Run an Ibis expression and return a normalised pandas frame.

        The same question asked again of this workbook is answered from the first answer
        (a copy: callers may change what they get), without compiling or running it again.
        """
        kept = self._kept("execute", expr)
        if kept is not None:
            return kept.copy() if isinstance(kept, pd.DataFrame) else kept
        _quiet_warnings()
        with warnings.catch_warnings(), self._replaced_generation():
            _quiet_warnings()
            self.questions += 1
            result = _run(self.con, expr, self.shapes)
        if isinstance(result, pd.Series):
            result = result.to_frame()
        elif not isinstance(result, pd.DataFrame):
            self._keep("execute", expr, result)
            return result
        frame = normalise(result)
        return frame.copy() if self._keep("execute", expr, frame) else frame

    def ask(self, build: questions.Builder, *dates: date, **options: object) -> pd.DataFrame:
        """``execute(build(self, *dates, **options))``, the question built once per store in
        this process and its dates bound at each asking after (storebook.engine.questions).

        ``build`` returns a table expression and reads nothing but this workbook's tables and
        its arguments; ``dates`` are dates (or times without a zone); ``options``, hashable,
        are part of what a template is kept by. Off DuckDB, and for a builder that cannot be
        a template, this is ``execute(build(...))``.
        """
        if self.con.name != "duckdb":
            return self.execute(build(self, *dates, **options))
        # What the data is: a generation's folder is never written again; a flat folder is
        # known by its fingerprint (none: tables written by hand, which may change unseen).
        held = self.generation or self.fingerprint
        template_key = questions.key(build, repr((str(self.data_dir), held)), dates, options) if held else None
        found = questions.get(template_key) if template_key is not None else None
        if found is questions.UNSEEN:
            return self._first_asking(template_key, build, dates, options)
        if found is None:
            return self.execute(build(self, *dates, **options))
        answer_key = ("ask", (template_key, tuple(dates)))
        kept = self._answers.get(answer_key)
        if kept is not None:
            return kept.copy()
        self._check_generation()
        import duckdb

        with warnings.catch_warnings(), self._replaced_generation():
            _quiet_warnings()
            # The tables are read as the build read them: by their files' glob, which the
            # engine resolves itself (no footer to read again), or, where Ibis registered a
            # table as a view, registered in this connection as before.
            for name in found.reads:
                if name in self._tables or parquet_source(self.location(name)) not in found.tables:
                    self.table(name)
                else:
                    self.note_reads([name])
            try:
                table = self.con.con.sql(shapes.with_tables(found.sql, list(found.tables)),
                                         params=found.parameters(dates)).to_arrow_table()
            except duckdb.InterruptException:
                raise
            except duckdb.Error:  # the builder's own question says what is wrong, if anything is
                questions.keep(template_key, None)
                return self.execute(build(self, *dates, **options))
            self.questions += 1
            from ibis.backends.duckdb.converter import DuckDBPyArrowData

            frame = normalise(_frame_of(DuckDBPyArrowData.convert_table(table, found.schema), found.schema))
        return frame.copy() if self._keep_answer(answer_key, frame) else frame

    def _first_asking(self, template_key: tuple, build: questions.Builder, dates: tuple,
                      options: dict) -> pd.DataFrame:
        """Ask ``build`` of ``dates`` as :meth:`execute` does, and build it again of stand-in
        dates to keep its template, where it can be one (storebook.engine.questions)."""
        asked = self.questions
        with self.reading() as reads:
            expr = build(self, *dates, **options)
        built_alone = self.questions == asked
        answer = self.execute(expr)
        if built_alone and self.questions == asked:
            return answer  # answered from a kept answer: nothing compiled to keep, try next time
        kept = None
        if built_alone and _flat(expr) and self.questions == asked + 1:
            twins = []
            for which in (0, 1):
                twin_dates = questions.stand_ins(dates, which)
                try:
                    twin = build(self, *twin_dates, **options) if twin_dates is not None else None
                except Exception:  # noqa: BLE001 - a builder that refuses other dates: no template
                    twin = None
                if twin is None or self.questions != asked + 1:  # it asked the engine: not a builder alone
                    break
                twins.append((twin, twin_dates))
            else:
                kept = questions.template(self.shapes, expr, twins, dates, reads)
        questions.keep(template_key, kept)
        return answer

    def scalar(self, expr: ibis.Expr) -> float:
        """Run a scalar expression; missing → NaN. Asked again, answered as :meth:`execute` is."""
        kept = self._kept("scalar", expr)
        if kept is not None:
            return kept
        with warnings.catch_warnings(), self._replaced_generation():
            _quiet_warnings()
            self.questions += 1
            value = _run(self.con, expr, self.shapes) if isinstance(expr, ibis.Expr) else expr.execute()
        value = float("nan") if value is None or (isinstance(value, float) and np.isnan(value)) else value
        self._keep("scalar", expr, value)
        return value

    # -- answers kept ------------------------------------------------------------------
    # A workbook reads one generation of the processed tables for its whole life (see the
    # module docstring), so a question's answer cannot change while it is open: a report's
    # sections that share a month's aggregates (the overview's scorecard, built again to
    # explain its changes; a supplier scorecard several areas read) ask the engine once.
    # Answers are kept up to a size: report-size results, not whole tables, and at most
    # 64 MB a workbook (a pack's kernels must stay within [engine] memory_limit plus their
    # Python; each kernel opens one workbook).
    _ANSWER_MAX_ROWS = 100_000
    _ANSWER_MAX_BYTES = 4 * 2**20
    _ANSWERS_MAX_BYTES = 64 * 2**20

    @staticmethod
    def _key(kind: str, expr: ibis.Expr) -> tuple[str, object] | None:
        try:
            key = (kind, expr.op())
            hash(key)
        except (AttributeError, TypeError, ValueError):  # not an Ibis expression, or an unhashable literal
            return None
        return key

    def _kept(self, kind: str, expr: ibis.Expr) -> object | None:
        key = self._key(kind, expr)
        if key is None:
            return None
        try:
            return self._answers.get(key)
        except (TypeError, ValueError):  # two expressions with one hash that cannot be compared
            return None

    def _keep(self, kind: str, expr: ibis.Expr, answer: object) -> bool:
        """Keep an answer for the next time ``expr`` is asked; whether it was kept."""
        return self._keep_answer(self._key(kind, expr), answer)

    def _keep_answer(self, key: tuple | None, answer: object) -> bool:
        if key is None or answer is None:
            return False
        if isinstance(answer, pd.DataFrame):
            if len(answer) > self._ANSWER_MAX_ROWS:
                return False
            size = _frame_bytes(answer)
        else:
            size = 64
        if size > self._ANSWER_MAX_BYTES or self._answer_bytes + size > self._ANSWERS_MAX_BYTES:
            return False
        try:
            self._answers[key] = answer
        except (TypeError, ValueError):
            return False
        self._answer_bytes += size
        return True

    def sql(self, query: str) -> pd.DataFrame:
        """The escape hatch: run SQL against the tables (by their canonical names)."""
        for name in self.tables():  # register every table so the query can name it
            self.table(name)
        if self.con.name != "duckdb":
            return self.execute(self.con.sql(query))
        self._name_views()
        # Ibis 12's con.sql() calls a DuckDB method that 2.0 removed. The relation is read
        # to the end at once, so no unfinished result blocks the connection (PITFALLS.md).
        with self._replaced_generation():
            return normalise(self.con.con.sql(query).to_arrow_table().to_pandas())

    def _name_views(self) -> None:
        """A view by its canonical name for every table registered by its files' glob
        (:func:`_register_local_parquet`), so that hand-written SQL can name it."""
        for name, table in self._tables.items():
            source = table.op().name
            if name not in self._views and source != name:
                self.con.con.execute(f"CREATE OR REPLACE TEMPORARY VIEW {quote(name)} AS "
                                     f"SELECT * FROM read_parquet([{literal(source)}])")
                self._views.add(name)

    # -- periods -----------------------------------------------------------------------
    def data_range(self) -> tuple[date, date]:
        """First and last day with orders (the orders' span: storebook.engine.availability,
        recorded by ingest, else asked of the data)."""
        from storebook.engine import availability  # it builds on this module

        if not self.has("orders"):
            self.table("orders")  # raises NoDataError: what to ingest
        span = availability.table_span(self, "orders")
        if span is None:
            raise NoDataError("the orders table is empty: ingest exports with orders first", key="no_data.orders_empty")
        return span.first, span.last

    def last_complete_month(self) -> periods.Period:
        """The month a report is for by default: the last complete month with data in any
        event table, else the month the data end in (partial) — storebook.engine.availability."""
        from storebook.engine import availability  # it builds on this module

        return availability.resolve_month(self).period

    def months(self) -> list[periods.Period]:
        """Every complete or partial month with orders, oldest first."""
        first, last = self.data_range()
        return periods.months_between(periods.month_of(first), periods.month_of(last))

    def period(self, month: str | None = None) -> periods.Period:
        """The month ``YYYY-MM`` (default: :meth:`last_complete_month`), checked to hold data
        in some event table (storebook.engine.availability)."""
        from storebook.engine import availability

        return availability.resolve_month(self, month).period

    def platforms(self, requested: list[str] | str | None = None) -> list[str]:
        """The platforms to analyse: every configured platform the data holds (in the
        configuration's order), or the requested ones, checked against the configuration."""
        if requested in (None, "", "all", []):
            return self.identity().platforms
        wanted = [requested] if isinstance(requested, str) else list(requested)
        unknown = [p for p in wanted if p not in self.config.platforms]
        if unknown:
            raise StorebookError(
                f"unknown platform(s) {', '.join(unknown)}; the workbook knows {', '.join(self.config.platforms)}",
                key="error.workbook.unknown_platform",
                values={"unknown": ", ".join(unknown), "known": ", ".join(self.config.platforms)},
            )
        return wanted

    def ingest_manifest(self) -> dict:
        """The ``_ingest.json`` of this workbook's tables (their fingerprint, counts, files):
        read once, as the tables are (module docstring), and shared: read it, do not change it.

        A kernel asks for it again and again (the spans, the platforms, the fingerprint on
        each page); at 10M order lines the file is 120 KB of JSON, ~1.5 ms a reading.
        """
        if self._manifest is None:
            self._manifest = generations.read_manifest(self.where)
        return self._manifest

    @property
    def fingerprint(self) -> str:
        return self.ingest_manifest().get("fingerprint", "")

    def identity(self) -> StoreIdentity:
        """The store's name, currency and platforms: configured, else as the data says."""
        if self._identity is None:
            self._identity = identify(self.config, self.ingest_manifest())
        return self._identity


SPARK_PREFIXES = ("spark", "spark://", "local", "yarn", "k8s://")


def _connect_spark(backend: str, session: object | None) -> ibis.BaseBackend:
    """An Ibis PySpark connection: a given session, or one built from a master URL.

    ``backend`` is ``spark`` (a local session with every core) or a Spark master URL
    (``spark://host:7077``, ``local[2]``, ``yarn``, ``k8s://…``).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise StorebookError(
            "the Spark backend needs the spark extra: pip install -e '.[spark]' (and Java 17)",
            key="error.workbook.spark_extra",
        ) from exc
    if session is None:
        master = "local[*]" if backend == "spark" else backend
        session = (
            SparkSession.builder.master(master)
            .appName("storebook")
            # Timestamps are naive store-local times: Spark must not shift them.
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .getOrCreate()
        )
    return ibis.pyspark.connect(session)


def open(  # noqa: A001 - the package's entry point reads as storebook.open()
    path: str | Path | None = None,
    *,
    backend: str | None = None,
    spark_session: object | None = None,
    root: str | Path | None = None,
) -> Workbook:
    """Open the processed tables of a workbook.

    Args:
        path: the folder of processed tables; default the config's ``data/processed``
            (or ``STOREBOOK_PROCESSED``). A relative folder is relative to the project
            folder (where storebook.toml is), not to the current folder. A URI (``s3a://bucket/storebook/processed``,
            ``hdfs://…``, ``file:///…``) opens a Parquet lake in the layout ingest writes,
            read by the backend itself (Spark with the cluster's credentials).
        backend: ``duckdb`` (in-process, the default), ``spark`` (a local Spark session),
            or a Spark master URL such as ``spark://host:7077``; default from
            ``STOREBOOK_BACKEND``. The metric code is the same on every backend.
        spark_session: an existing SparkSession to use (implies the Spark backend).
        root: the project folder holding storebook.toml (default: found from here).
    Returns:
        A :class:`Workbook`.

    wb = storebook.open()
    wb = storebook.open(backend="spark://cluster:7077")
    wb = storebook.open("s3a://lake/storebook/processed", backend="yarn")
    """
    config = Config.load(Path(root) if root else None)
    target = path or config.processed_location
    processed: Path | str
    if is_lake_uri(str(target)):
        processed = str(target).rstrip("/")
    else:
        processed = Path(target)
        # A relative folder is the project's, as storebook.toml's paths are: a notebook runs
        # in notebooks/, and data_path="data/processed" still means <project>/data/processed.
        processed = (processed if processed.is_absolute() else config.root / processed).resolve()
        if not processed.is_dir() or not any(processed.iterdir()):
            raise NoDataError(
                f"no processed data in {processed}: run `storebook ingest` (or `make report`, which builds the sample store)",
                key="no_data.processed", values={"folder": str(processed)},
            )
    backend = backend or os.environ.get("STOREBOOK_BACKEND") or ("spark" if spark_session else "duckdb")
    _quiet_warnings()
    if backend == "duckdb":
        con = _bounded_duckdb(config)
    elif backend.startswith(SPARK_PREFIXES):
        con = _connect_spark(backend, spark_session)
    else:
        raise StorebookError(f"backend '{backend}' is not known; use 'duckdb', 'spark' or a Spark master URL",
                             key="error.workbook.backend_unknown", values={"backend": backend})
    reader = _spark_text_reader(con) if is_lake_uri(processed) and con.name == "pyspark" else None
    where = generations.resolve(processed, reader)
    if isinstance(where.data, Path) and not where.generation and not (
            (where.data / "_ingest.json").is_file() or any((where.data / t).is_dir() for t in schema.TABLE_NAMES)):
        raise NoDataError(  # e.g. only the parse cache of an ingest that stopped on a bad file
            f"no processed data in {processed}: run `storebook ingest` (or `make report`, which builds the sample store)",
            key="no_data.processed", values={"folder": str(processed)},
        )
    return Workbook(con, config, processed, where)


def _bounded_duckdb(config: Config) -> ibis.BaseBackend:
    """An in-process DuckDB capped at ``[engine] memory_limit``, spilling to a folder of its own.

    Each report kernel opens one workbook: the cap is what keeps a pack of parallel
    kernels within the machine's memory. The folder is this connection's (two kernels
    must not share DuckDB's spill files) and is removed when the connection goes.
    """
    import shutil
    import tempfile
    import weakref

    base = config.duckdb_temp_directory
    if base is not None:
        base.mkdir(parents=True, exist_ok=True)
    base = Path(base or tempfile.gettempdir())
    remove_dead_spill_folders(base)
    spill = tempfile.mkdtemp(prefix=f"{SPILL_PREFIX}{_host()}-{os.getpid()}-", dir=base)
    try:
        con = ibis.duckdb.connect(memory_limit=config.duckdb_memory_limit, temp_directory=spill)
    except Exception as exc:  # a limit DuckDB does not accept: say which setting
        shutil.rmtree(spill, ignore_errors=True)
        raise StorebookError(f"[engine] memory_limit = {config.duckdb_memory_limit!r} was refused by DuckDB "
                             f"({exc}); give a size such as '512MB' or '2GB' in storebook.toml",
                             key="error.workbook.memory_limit",
                             values={"limit": repr(config.duckdb_memory_limit), "problem": str(exc)}) from exc
    weakref.finalize(con, shutil.rmtree, spill, True)
    return con


#: A workbook's spill folder is ``<prefix><host>-<pid>-<random>`` (:func:`_bounded_duckdb`).
SPILL_PREFIX = "storebook-duckdb-"


def _host() -> str:
    """This machine's name as a spill folder's name may hold it (no dash: it separates the pid)."""
    import platform

    return "".join(c if c.isalnum() else "_" for c in platform.node()) or "host"


def remove_dead_spill_folders(base: Path) -> list[Path]:
    """Remove the spill folders in ``base`` of this machine's processes that are gone.

    A workbook's folder goes with its connection, or when its process exits; a process that
    was killed (a kernel the pack stopped on its deadline, one the system killed for memory)
    leaves it, with whatever DuckDB had spilled into it: gigabytes at scale, for good, in the
    system's temporary folder. Each new workbook removes those of processes no longer running
    on this machine (the name says the machine and the pid; another machine's, sharing the
    folder, are left alone, as are folders named otherwise).

    Returns:
        The folders removed.
    """
    import shutil

    removed = []
    mine = f"{SPILL_PREFIX}{_host()}-"
    try:
        found = [p for p in base.iterdir() if p.name.startswith(mine)]
    except OSError:  # a folder we may not list: nothing of ours to clear
        return removed
    for folder in found:
        pid = folder.name[len(mine):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this pid runs here (one that is not ours counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _spark_text_reader(con: ibis.BaseBackend):  # noqa: ANN202 - Callable[[str], str | None]
    """Reads a small lake file through Arrow, else through Spark's own filesystem access
    (the cluster's credentials), so that the generation pointer of a lake Arrow cannot
    reach from here is still found."""

    def read(uri: str) -> str | None:
        text = generations.read_lake_text(uri)
        if text is not None or generations.lake_fs(uri) is not None:
            return text
        try:
            rows = con._session.read.text(uri, wholetext=True).collect()  # noqa: SLF001
        except Exception:  # noqa: BLE001 - absent or unreadable: the flat layout
            return None
        return rows[0][0] if rows else None

    return read
