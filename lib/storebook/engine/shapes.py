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
- What cannot be handled this way runs as before: a question without such a literal, one
  that is not a table, one whose shape the compiler cannot write with slots, a time zone.

The metric functions do not change: they still build Ibis expressions, which Spark (or any
backend) compiles as before; only :class:`storebook.engine.workbook.Workbook`'s DuckDB path
reuses the SQL, and only within one workbook (one kernel).

On the sample store, 123 of the pack's 420 questions repeat an earlier question's shape in
their notebook (every literal abstracted), 121 of them in dates or timestamps only: the
workbooks compile 228 shapes with slots and run those 121 on SQL compiled before. Their question CPU in a fresh
process fell from 5.40 to 4.56 s (medians of 3, 2026-12-05).
"""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import ibis.expr.datatypes as dt
import ibis.expr.operations as ops
from ibis.backends.sql.compilers.duckdb import DuckDBCompiler

#: A slot's mark in a shape (where a node's type is for other nodes).
_SLOT = object()


def _bindable(lit: ops.Literal) -> bool:
    """Whether a literal can be a slot: a date, or a timestamp without a time zone, with a value."""
    dtype = lit.dtype
    if lit.value is None:
        return False
    return dtype.is_date() or (dtype.is_timestamp() and dtype.timezone is None)


def _parts(lit: ops.Literal) -> tuple:
    """The values a slot binds for a literal: the arguments Ibis's DuckDB compiler gives
    MAKE_DATE or MAKE_TIMESTAMP for it (ibis.backends.sql.compilers)."""
    v = lit.value
    if lit.dtype.is_date():
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
    equal only to itself (so never to an argument's value, as a plain number could be)."""

    __slots__ = ()


def shape(op: ops.Node, interned: dict[tuple, _Ref]) -> tuple[_Ref, list[ops.Literal]] | None:
    """The shape of a question and its slotted literals, by slot; None if it has none, or
    holds a node Ibis prepares the connection for (:data:`_PREPARED`).

    A shape is a :class:`_Ref`: every node is interned in ``interned`` (the workbook's) as its
    type and arguments, a child node by its reference, a bindable literal as a slot numbered by first
    appearance in the walk. Two graphs get one number if and only if they are the same but
    for the values of their slots. Built without creating Ibis nodes: a walk of the graph,
    one tuple and one look-up a node.
    """
    memo: dict[int, _Ref] = {}
    slots: dict[ops.Literal, int] = {}
    order: list[ops.Literal] = []
    node_type = ops.Node
    literal_type = ops.Literal

    def arg_of(value: Any) -> object:
        if isinstance(value, node_type):
            return walk(value)
        kind = type(value)
        if kind is tuple or kind is list:
            return (kind, *(arg_of(v) for v in value))
        if isinstance(value, dict):  # Ibis's frozen (ordered) dicts: the order is part of the node
            return (kind, *((k, arg_of(v)) for k, v in value.items()))
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
        else:
            item = (type(node), *(arg_of(a) for a in node.__args__))
        ref = interned.get(item)
        if ref is None:
            ref = interned[item] = _Ref()
        memo[id(node)] = ref
        return ref

    try:
        key = walk(op)
    except _Declined:
        return None
    if not order:
        return None
    return key, order


def compile_shape(expr: Any, literals: list[ops.Literal]) -> str:
    """The SQL of a question with its literals (as :func:`shape` numbered them) as slots.

    Written as ibis.backends.sql.SQLBackend.compile writes a question's SQL, by a compiler
    that differs from the backend's only in writing those literals as slots.

    Raises:
        ValueError: a date or timestamp in the SQL is not a slot, or a slot is not in it.
    """
    import sqlglot as sg

    compiler = _compiler()
    compiler.slots, compiler.met = {lit: i for i, lit in enumerate(literals)}, set()
    try:
        query = compiler.to_sqlglot(expr.as_table())
    except _Unslotted as exc:
        raise ValueError(f"{exc.args[0]!r} is not a slot of the question") from exc
    finally:
        slots, met = compiler.slots, compiler.met
        compiler.slots, compiler.met = None, set()
    if met != set(slots.values()):
        raise ValueError(f"slots {sorted(set(slots.values()) - met)} are not in the SQL")
    return query.sql(dialect=compiler.dialect, copy=False, unsupported_level=sg.ErrorLevel.RAISE)


def parameters(literals: list[ops.Literal]) -> dict[str, object]:
    """The values a question binds to its shape's slots."""
    return {name: part for i, lit in enumerate(literals)
            for name, part in zip(_part_names(i, lit.dtype), _parts(lit), strict=True)}


_UNSEEN = object()


class Shapes:
    """A workbook's compiled shapes (see the module docstring).

    The interned nodes and the SQL are dropped together when the nodes exceed
    :attr:`MAX_NODES` (a workbook that asks many different questions), and counted:
    ``compiled`` (shapes compiled with slots), ``reused`` (questions that ran on a shape's
    SQL compiled for an earlier one), ``declined`` (questions that took Ibis's path).
    """

    MAX_NODES = 200_000

    def __init__(self) -> None:
        self._interned: dict[tuple, _Ref] = {}
        self._sql: dict[_Ref, str] = {}
        self.compiled = self.reused = self.declined = 0

    def to_pyarrow(self, con: Any, expr: Any) -> Any:
        """What ``expr.to_pyarrow()`` gives on the DuckDB backend ``con``, its SQL compiled once
        per shape; a question this cannot handle runs through ``expr.to_pyarrow()``."""
        import duckdb
        from ibis.backends.duckdb.converter import DuckDBPyArrowData

        op = expr.op()
        found = shape(op, self._interned)
        if found is None:
            self.declined += 1
            return expr.to_pyarrow()
        key, literals = found
        if len(self._interned) > self.MAX_NODES:
            self._interned.clear()
            self._sql.clear()
        sql = self._sql.get(key, _UNSEEN)
        if sql is _UNSEEN:
            try:
                sql = compile_shape(expr, literals)
            except Exception:  # noqa: BLE001 - a node the compiler writes only with its literal
                sql = None
            self._sql[key] = sql
            self.compiled += sql is not None
        elif sql is not None:
            self.reused += 1
        if sql is not None:
            try:
                table = con.con.sql(sql, params=parameters(literals)).to_arrow_table()
            except duckdb.InterruptException:
                raise
            except duckdb.Error:  # Ibis's path says what is wrong, if anything is
                self._sql[key] = None
            else:
                return expr.__pyarrow_result__(table, data_mapper=DuckDBPyArrowData)
        self.declined += 1
        return expr.to_pyarrow()
