"""A question's SQL compiled once per shape, its dates bound at run time (DuckDB only).

A report notebook asks the same question for several periods: the supplier scorecard for
four months, the traffic headline for this month and the ones before. Ibis compiles each
to SQL again, ~5 ms of Python a question (issue #17), though the questions differ only in
the dates and timestamps that bound their periods. Here a workbook compiles a question's
*shape* once, with each date or timestamp literal replaced by a slot, and runs every later
question of that shape with its own values bound as DuckDB prepared-statement parameters.

- A shape is the question's Ibis operation graph with its date and timestamp literals
  abstracted: every other node and value (columns, names, numbers, strings, types) is part
  of it. Two literals with one value share one slot; with two values, two slots, so a
  shape in which they differ is another shape. Nothing in the SQL is substituted as text.
- A slot compiles to the SQL Ibis writes for the literal, with the literal's parts as
  parameters: ``MAKE_DATE($s0_0, $s0_1, $s0_2)`` for a date,
  ``MAKE_TIMESTAMP($s1_0, …, $s1_5)`` for a timestamp (seconds with their microseconds as
  a double, as Ibis writes them), so the engine computes exactly what the literal gave.
- A table the question reads is a slot too: its name (the generation's files) is written as
  a placeholder and put back when the question runs, so a shape outlives the generation it
  was compiled on.
- What cannot be handled this way runs as before: a question that reads no table, one that
  is not a table, one whose shape the compiler cannot write with slots, a time zone.

A workbook over a local processed folder also keeps its shapes' SQL on disk
(``data/processed/_cache/sql/``, :class:`SqlCache`), so that a kernel does not compile what
an earlier one did: next month's pack asks this month's shapes with other dates, on another
generation's files. The shape's digest (:func:`digest`) names the file; the versions of Ibis,
sqlglot and DuckDB and this module's source name the folder, so an upgrade compiles again.

The metric functions do not change: they still build Ibis expressions, which Spark (or any
backend) compiles as before; only :class:`storebook.engine.workbook.Workbook`'s DuckDB path
reuses the SQL.

On the sample store, 123 of the pack's 420 questions repeat an earlier question's shape in
their notebook (every literal abstracted), 121 of them in dates or timestamps only: the
workbooks compile 228 shapes with slots and run those 121 on SQL compiled before. Their question CPU in a fresh
process fell from 5.40 to 4.56 s (medians of 3, 2026-12-05). Kept on disk (2026-12-06), the
default pack of the month after one already run compiles 20 shapes and reads 190.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import hashlib
import json
import os
import shutil
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import ibis.expr.datatypes as dt
import ibis.expr.operations as ops
import sqlglot as sg
from ibis.backends.sql.compilers.duckdb import DuckDBCompiler
from ibis.expr import schema as sch

#: A slot's mark in a shape (where a node's type is for other nodes), and a table slot's.
_SLOT = object()
_TABLE = object()


def _bindable(lit: ops.Literal) -> bool:
    """Whether a literal can be a slot: a date, or a timestamp without a time zone, with a value."""
    dtype = lit.dtype
    if lit.value is None:
        return False
    return dtype.is_date() or (dtype.is_timestamp() and dtype.timezone is None)


def _parts(dtype: dt.DataType, v: Any) -> tuple:
    """The values a slot of ``dtype`` binds for the date or timestamp ``v``: the arguments
    Ibis's DuckDB compiler gives MAKE_DATE or MAKE_TIMESTAMP for a literal of it
    (ibis.backends.sql.compilers)."""
    if dtype.is_date():
        return (v.year, v.month, v.day)
    return (v.year, v.month, v.day, v.hour, v.minute, v.second + v.microsecond / 1e6)


def _part_names(index: int, dtype: dt.DataType) -> list[str]:
    """The parameters' names of slot ``index``: one for each of :func:`_parts`."""
    return [f"s{index}_{k}" for k in range(3 if dtype.is_date() else 6)]


def _param(name: str):  # noqa: ANN202 - a sqlglot expression
    import sqlglot.expressions as sge

    return sge.Parameter(this=sge.Var(this=name))


class _Unslotted(Exception):  # noqa: N818 - a signal inside compile_shape()
    """A date or timestamp reached the SQL that is not one of the question's slots."""


class _SlotCompiler(DuckDBCompiler):
    """Ibis's DuckDB compiler, which writes the literals of :attr:`slots` as their slots.

    It compiles the question's own graph: a copy with slot nodes in place of the literals
    would be new nodes, and Ibis computes and keeps on each node what compiling needs (its
    fields, schema, types): on a copy all of that is done again, which made a first
    compile ~2× Ibis's own. Ibis's rewrites and visitors read the value of a literal only
    where it is an integer (an index, a length), never a date's or a timestamp's; and every
    date or timestamp literal the compiler meets must be a slot, and every slot must be met
    (:func:`compile_shape`), or the shape is not compiled.
    """

    def __init__(self) -> None:
        super().__init__()
        self.slots: dict[ops.Literal, int] | None = None
        self.met: set[int] = set()
        #: The tables written as placeholders (their name: slot), and how often each was written.
        self.tables: dict[str, int] = {}
        self.written: dict[int, int] = {}

    def visit_DatabaseTable(self, op: ops.DatabaseTable, *, name: str, namespace: ops.Namespace,  # noqa: ANN201
                            **kwargs: Any):
        index = self.tables.get(name)
        if index is None:
            return super().visit_DatabaseTable(op, name=name, namespace=namespace, **kwargs)
        self.written[index] = self.written.get(index, 0) + 1
        return sg.table(table_token(index), db=namespace.database, catalog=namespace.catalog, quoted=True)

    def visit_Literal(self, op: ops.Literal, *, value: Any, dtype: dt.DataType):  # noqa: ANN201
        if self.slots is None or not _bindable(op):
            return super().visit_Literal(op, value=value, dtype=dtype)
        index = self.slots.get(op)
        if index is None:
            raise _Unslotted(op)
        self.met.add(index)
        names = [_param(name) for name in _part_names(index, dtype)]
        if dtype.is_date():
            return self.f.datefromparts(*names)
        return self.f.make_timestamp(*names)


#: What every table placeholder starts with: a question holding it in any name or text is
#: not a shape (:func:`shape`), so in a shape's SQL it stands only where a table is read.
_TOKEN = "__storebook_table_"


def table_token(index: int) -> str:
    """The placeholder a table slot's name is written as (a quoted identifier in the SQL)."""
    return f"{_TOKEN}{index}__"


def _quoted(name: str) -> str:
    """``name`` as the DuckDB compiler quotes an identifier."""
    return '"' + name.replace('"', '""') + '"'


def with_tables(template: str, tables: list[str]) -> str:
    """The SQL of a shape's ``template`` reading ``tables`` (by slot)."""
    for index, name in enumerate(tables):
        template = template.replace(_quoted(table_token(index)), _quoted(name))
    return template


#: One compiler per thread: a compiler holds the slots of the question it is compiling.
_COMPILERS = threading.local()


def _compiler() -> _SlotCompiler:
    compiler = getattr(_COMPILERS, "compiler", None)
    if compiler is None:
        compiler = _COMPILERS.compiler = _SlotCompiler()
    return compiler


#: Nodes whose questions Ibis prepares the connection for before it runs them (in-memory
#: tables to register, Python UDFs to define: the DuckDB backend's _run_pre_execute_hooks):
#: such a question takes Ibis's own path.
_PREPARED = (ops.InMemoryTable, ops.ScalarUDF, ops.AggUDF, ops.GeoSpatialUnOp, ops.GeoSpatialBinOp)


class _Declined(Exception):  # noqa: N818 - a signal inside shape(), never raised out of it
    pass


class _Ref:
    """A node's number in a workbook's interned shapes: one object per distinct node structure,
    equal only to itself (so never to an argument's value, as a plain number could be). It
    keeps the structure (``item``) for its :func:`digest`, computed when first asked."""

    __slots__ = ("digest", "item")

    def __init__(self, item: tuple) -> None:
        self.item = item
        self.digest: str | None = None


class Found(NamedTuple):
    """A question's shape (:func:`shape`): its key, its date and timestamp literals and the
    names of the tables it reads, each by slot."""

    key: _Ref
    literals: list[ops.Literal]
    tables: list[str]


def shape(op: ops.Node, interned: dict[tuple, _Ref]) -> Found | None:
    """The shape of a question, its slotted literals and its tables, by slot; None if it reads
    no table, or holds a node Ibis prepares the connection for (:data:`_PREPARED`).

    A shape is a :class:`_Ref`: every node is interned in ``interned`` (the workbook's) as its
    type and arguments, a child node by its reference, a bindable literal as a slot numbered
    by first appearance in the walk, a table as a slot numbered by its name's first
    appearance, with its schema. Two graphs get one number if and only if they are the same
    but for the values of their slots. Built without creating Ibis nodes: a walk of the
    graph, one tuple and one look-up a node.
    """
    memo: dict[int, _Ref] = {}
    slots: dict[ops.Literal, int] = {}
    order: list[ops.Literal] = []
    tables: dict[str, int] = {}
    node_type = ops.Node
    literal_type = ops.Literal
    table_type = ops.DatabaseTable

    def arg_of(value: Any) -> object:
        if isinstance(value, node_type):
            return walk(value)
        kind = type(value)
        if kind is str and _TOKEN in value:
            raise _Declined  # a name or text holding a table's placeholder (with_tables)
        if kind is tuple or kind is list:
            return (kind, *(arg_of(v) for v in value))
        if isinstance(value, dict):  # Ibis's frozen (ordered) dicts: the order is part of the node
            return (kind, *((arg_of(k), arg_of(v)) for k, v in value.items()))
        if isinstance(value, frozenset):
            return (kind, frozenset(arg_of(v) for v in value))
        if kind is float or kind is bool or kind is Decimal:
            # 0.0 == -0.0, True == 1, Decimal("1.0") == Decimal("1.00"): equal values the SQL
            # writes differently
            return (kind, repr(value))
        return value

    def walk(node: ops.Node) -> _Ref:
        found = memo.get(id(node))
        if found is not None:
            return found
        if isinstance(node, _PREPARED):
            raise _Declined
        if type(node) is literal_type and _bindable(node):
            index = slots.get(node)
            if index is None:
                index = slots[node] = len(order)
                order.append(node)
            item: tuple = (_SLOT, index, node.dtype)
        elif type(node) is table_type:
            if any(_TOKEN in name for name in (node.name, *node.schema.names)):
                raise _Declined
            index = tables.setdefault(node.name, len(tables))
            item = (_TABLE, index, node.schema, node.namespace)
        else:
            item = (type(node), *(arg_of(a) for a in node.__args__))
        ref = interned.get(item)
        if ref is None:
            ref = interned[item] = _Ref(item)
        memo[id(node)] = ref
        return ref

    try:
        key = walk(op)
    except _Declined:
        return None
    if not tables:
        return None
    return Found(key, order, list(tables))


class _Unstable(Exception):  # noqa: N818 - a signal inside digest()
    """A value whose text is not known to say all of it: the shape is not kept on disk."""


#: Values written by their repr, which says all of them (Ibis's types and names print every
#: argument; an enum its class and value).
_PLAIN = (str, int, type(None), _dt.date, _dt.time, _dt.timedelta, dt.DataType, ops.Namespace, enum.Enum)


def _text(value: Any) -> str:
    """The stable text of one element of a shape's structure (see :func:`digest`)."""
    if isinstance(value, _Ref):
        return digest(value)
    if value is _SLOT:
        return "$slot"
    if value is _TABLE:
        return "$table"
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    if isinstance(value, tuple):
        return "(" + ",".join(_text(v) for v in value) + ")"
    if isinstance(value, frozenset):
        return "{" + ",".join(sorted(_text(v) for v in value)) + "}"
    if isinstance(value, sch.Schema):
        return "schema(" + ",".join(f"{name!r}:{dtype!r}" for name, dtype in value.items()) + ")"
    if isinstance(value, _PLAIN) and not isinstance(value, bool):
        return f"{type(value).__name__}:{value!r}"
    raise _Unstable(type(value))


def digest(ref: _Ref) -> str | None:
    """A shape's name outside the process: a hash of its structure written out (node types by
    their qualified names, values by their repr, slots by number), or None where a value's
    text might not say all of it (then the shape is kept in memory only)."""
    if ref.digest is None:
        try:
            text = _text(ref.item)
        except _Unstable:
            ref.digest = ""
        else:
            ref.digest = hashlib.blake2b(text.encode(), digest_size=20).hexdigest()
    return ref.digest or None


def compile_shape(expr: Any, literals: list[ops.Literal], tables: list[str] = ()) -> str:
    """The SQL of a question with its literals (as :func:`shape` numbered them) as slots, and
    the tables named in ``tables`` as placeholders (:func:`with_tables` puts names back).

    Written as ibis.backends.sql.SQLBackend.compile writes a question's SQL, by a compiler
    that differs from the backend's only in writing those literals and tables as slots.

    Raises:
        ValueError: a date or timestamp in the SQL is not a slot, or a slot is not in it.
    """
    compiler = _compiler()
    compiler.slots, compiler.met = {lit: i for i, lit in enumerate(literals)}, set()
    compiler.tables, compiler.written = {name: i for i, name in enumerate(tables)}, {}
    try:
        query = compiler.to_sqlglot(expr.as_table())
    except _Unslotted as exc:
        raise ValueError(f"{exc.args[0]!r} is not a slot of the question") from exc
    finally:
        slots, met, written = compiler.slots, compiler.met, compiler.written
        compiler.slots, compiler.met, compiler.tables, compiler.written = None, set(), {}, {}
    if met != set(slots.values()):
        raise ValueError(f"slots {sorted(set(slots.values()) - met)} are not in the SQL")
    sql = query.sql(dialect=compiler.dialect, copy=False, unsupported_level=sg.ErrorLevel.RAISE)
    # A placeholder is put back as text; no name or text of a shape holds one (shape()), so
    # in the SQL it is where a table is read (Ibis may write a table it visited once twice).
    for index in range(len(tables)):
        if not written.get(index):
            raise ValueError(f"table slot {index} is not in the SQL")
    return sql


def parameters(literals: list[ops.Literal], values: list | None = None) -> dict[str, object]:
    """The values a question binds to its shape's slots: its literals', or ``values`` (one a
    slot, of its literal's type) in their place."""
    values = [lit.value for lit in literals] if values is None else values
    return {name: part for i, (lit, value) in enumerate(zip(literals, values, strict=True))
            for name, part in zip(_part_names(i, lit.dtype), _parts(lit.dtype, value), strict=True)}


_UNSEEN = object()


@functools.cache
def _versions() -> str:
    """What the SQL of a shape depends on besides the shape: Ibis, sqlglot and DuckDB, and this
    module (its compiler)."""
    import duckdb
    import ibis
    import sqlglot

    source = Path(__file__).read_bytes()
    text = f"ibis {ibis.__version__} sqlglot {sqlglot.__version__} duckdb {duckdb.__version__}"
    return hashlib.blake2b(text.encode() + source, digest_size=8).hexdigest()


class SqlCache:
    """Shapes' SQL kept on disk under ``folder`` (``data/processed/_cache/sql``), for the
    workbooks of later kernels and months.

    One file a shape, named by its :func:`digest`, in a folder named by :func:`_versions`;
    when this one is first made, the folders of other versions unused for a week are removed
    (not all: two installs that share the processed data would empty each other's). A file is written
    whole (a temporary file renamed), so two kernels writing one shape at once leave one of
    their two equal texts. The cache is an economy: a folder that cannot be read or written
    is a cache that finds nothing, and past :attr:`MAX_FILES` shapes it starts again.
    """

    MAX_FILES = 5_000
    UNUSED_S = 7 * 24 * 3600

    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.folder = folder / _versions()
        self._checked = False

    def _check(self) -> None:
        """Once: start the folder again if it grew past MAX_FILES; remove other versions'."""
        self._checked = True
        try:
            if self.folder.is_dir():
                if sum(1 for _ in os.scandir(self.folder)) > self.MAX_FILES:
                    shutil.rmtree(self.folder, ignore_errors=True)
                return
            unused_since = time.time() - self.UNUSED_S
            for other in self.root.iterdir() if self.root.is_dir() else ():
                if other.is_dir() and other.name != self.folder.name and other.stat().st_mtime < unused_since:
                    shutil.rmtree(other, ignore_errors=True)
        except OSError:
            pass

    def get(self, name: str, literals: int, tables: int) -> str | None:
        """The SQL kept for shape ``name``, if it has the shape's number of slots."""
        try:
            kept = json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(kept, dict) or kept.get("literals") != literals or kept.get("tables") != tables \
                or not isinstance(kept.get("sql"), str):
            return None
        return kept["sql"]

    def put(self, name: str, sql: str, literals: int, tables: int) -> None:
        if not self._checked:
            self._check()
        path = self.folder / f"{name}.json"
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps({"literals": literals, "tables": tables, "sql": sql}), encoding="utf-8")
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)

    def forget(self, name: str) -> None:
        """Remove a shape's SQL that the engine refused."""
        try:
            (self.folder / f"{name}.json").unlink(missing_ok=True)
        except OSError:
            pass


class Shapes:
    """A workbook's compiled shapes (see the module docstring).

    The interned nodes and the SQL are dropped together when the nodes exceed
    :attr:`MAX_NODES` (a workbook that asks many different questions), and counted:
    ``compiled`` (shapes compiled with slots), ``loaded`` (shapes whose SQL an earlier
    workbook compiled, read from ``cache``), ``reused`` (questions that ran on a shape's SQL
    this workbook had already), ``declined`` (questions that took Ibis's path).

    Args:
        cache: where shapes' SQL is kept between workbooks; None keeps it in memory only.
    """

    MAX_NODES = 200_000

    def __init__(self, cache: SqlCache | None = None) -> None:
        self._interned: dict[tuple, _Ref] = {}
        self._sql: dict[_Ref, str] = {}
        self.cache = cache
        self.compiled = self.reused = self.declined = self.loaded = 0

    def to_pyarrow(self, con: Any, expr: Any) -> Any:
        """What ``expr.to_pyarrow()`` gives on the DuckDB backend ``con``, its SQL compiled once
        per shape; a question this cannot handle runs through ``expr.to_pyarrow()``."""
        from ibis.backends.duckdb.converter import DuckDBPyArrowData

        table = self.engine_table(con, expr)
        if table is None:
            return expr.to_pyarrow()
        return expr.__pyarrow_result__(table, data_mapper=DuckDBPyArrowData)

    def engine_table(self, con: Any, expr: Any) -> Any:
        """The Arrow table DuckDB gives for ``expr`` (a table, a column or a scalar: the
        table Ibis compiles of it, ``expr.as_table()``), before Ibis converts it to the
        expression's types; its SQL compiled once per shape. None (counted as declined)
        for a question this cannot handle: the caller asks Ibis."""
        import duckdb

        found = self.found(expr)
        if found is None:
            self.declined += 1
            return None
        key, literals, tables = found
        if len(self._interned) > self.MAX_NODES:
            self._interned.clear()
            self._sql.clear()
        sql = self._sql.get(key, _UNSEEN)
        if sql is _UNSEEN:
            sql = self._kept(key, literals, tables)
            if sql is not None:
                self.loaded += 1
            else:
                try:
                    sql = compile_shape(expr, literals, tables)
                except Exception:  # noqa: BLE001 - a node the compiler writes only with its literal
                    sql = None
                else:
                    self._keep(key, sql, literals, tables)
                self.compiled += sql is not None
            self._sql[key] = sql
        elif sql is not None:
            self.reused += 1
        if sql is not None:
            try:
                table = con.con.sql(with_tables(sql, tables), params=parameters(literals)).to_arrow_table()
            except duckdb.InterruptException:
                raise
            except duckdb.Error:  # Ibis's path says what is wrong, if anything is
                self._sql[key] = None
                if self.cache is not None and digest(key):
                    self.cache.forget(digest(key))
            else:
                return table
        self.declined += 1
        return None

    def found(self, expr: Any) -> Found | None:
        """The shape of ``expr`` in this workbook's interned shapes (:func:`shape`)."""
        return shape(expr.as_table().op(), self._interned)

    def sql_of(self, found: Found) -> str | None:
        """The SQL this workbook ran for a shape it has asked (None: not compiled, or refused)."""
        sql = self._sql.get(found.key)
        return sql if isinstance(sql, str) else None

    def _kept(self, key: _Ref, literals: list, tables: list) -> str | None:
        name = digest(key) if self.cache is not None else None
        return self.cache.get(name, len(literals), len(tables)) if name else None

    def _keep(self, key: _Ref, sql: str, literals: list, tables: list) -> None:
        name = digest(key) if self.cache is not None else None
        if name:
            self.cache.put(name, sql, len(literals), len(tables))
