"""Where a report pack's time goes, section by section (part of ``storebook bench``, :mod:`storebook.bench`).

Each notebook of the pack runs here, in one IPython shell of this process (no kernel), its
parameters cell replaced by the bench month. Every query a section sends through the
workbook (:meth:`Workbook.execute`, :meth:`Workbook.scalar`, :meth:`Workbook.ask`) is timed
and kept (an asking whole: where it builds its question, the building too); afterwards
each query's SQL — the SQL Ibis compiled for it — runs again bare on the same DuckDB
connection (the result fetched as Arrow and brought to pandas by Arrow; no Ibis). Per section this gives:

- ``seconds``: the section as a whole (its needs check, queries, pandas, charts);
- ``queries``: how many questions it asked the engine (one per result is the aim);
- ``kept``: how many it asked again and the workbook answered from its first answer
  (:meth:`Workbook.execute`): no engine work, so no bare SQL; their (small) time counts below;
- ``storebook_s``: the time of all its calls through storebook (compile, run, to pandas);
- ``sql_s``: the same queries' SQL run bare — the floor for the questions it asks: fetched as
  Arrow and brought to pandas by Arrow, as the hand-written SQL of the bench's headline queries
  is (a section's result is a pandas frame; until 2026-12-06 the floor stopped at Arrow, and
  ``side_by_side`` keeps that figure as ``sql_arrow_cpu_s``).

- ``storebook_cpu_s``, ``sql_cpu_s``: the same two in CPU-seconds of this process (its
  Python and DuckDB's threads): on a machine other work shares, wall times swing with the
  load and CPU-seconds much less, so the two ratios say the same thing more steadily.
- ``side_by_side``: the same comparison with both sides in the same state. The bare SQL
  above runs after storebook asked the question, so it finds DuckDB's caches and the disk's
  pages warm where storebook found them cold (on the 10M store customers.headline measured
  1.31x so, and 0.96x with both sides run again). Here each question runs again through
  storebook (its kept answers hidden: compile, run, to pandas) and bare, alternately,
  :data:`SIDE_RUNS` times each, :data:`SMALL_SIDE_RUNS` for a question of milliseconds (the
  bare run above the first of them), and the least of each
  side counts: ``storebook_s``, ``sql_s``, ``storebook_cpu_s``, ``sql_cpu_s`` of the warm runs.
  The first run's own extra (``storebook_s`` above less the warm one) is what a kernel pays once.

Times are kept to the microsecond: a section of one question of ~3 ms, kept to the
millisecond, read 0.004 s against 0.003 s, "1.33x", whatever its two sides were (on
2026-12-07 traffic.daily's question measured 3.0 ms through storebook, 2.6 ms bare).

``storebook_s / sql_s`` is the cost of the layers above the engine; ``seconds / sql_s``
that of everything the section does besides asking (a section that asks many small
questions, or post-processes in pandas, shows here). A hand-written SQL of a section's
whole result could be lower still: the bench's headline queries (storebook.bench) have one.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_PARAMETERS = ("month", "platforms", "data_path", "language")
#: Runs of each side of a side-by-side comparison, the least counted. A question of ~3 ms
#: moves by a millisecond with the machine (traffic.daily's, through storebook on the 10M
#: store: 4.3 ms, then 3.0 ms a minute later, 2026-12-07); a third run each side costs the
#: bench a few seconds a scale.
SIDE_RUNS = 3
#: A question whose first bare run took less than SMALL_QUESTION_S is run SMALL_SIDE_RUNS
#: times each side: two questions of 3-4 ms (conversion.funnel at 10M) read 8.3 against 6.3 ms
#: as the least of three runs (1.31x) and 3.4 against 2.9 ms each timed apart (least of five
#: rounds of twenty: 1.17x). Six more runs of such questions cost the bench under a second.
SMALL_QUESTION_S, SMALL_SIDE_RUNS = 0.01, 9
#: Decimals of a second the rows keep (microseconds; see the module's docstring).
_DIGITS = 6


@contextlib.contextmanager
def _recording(calls: list[dict], stack: list[list]) -> Iterator[None]:
    """Record each workbook query with the section open when it ran, and each section's time."""
    from storebook.engine.workbook import Workbook
    from storebook.report import page as page_mod

    real = {"execute": Workbook.execute, "scalar": Workbook.scalar, "ask": Workbook.ask,
            "section": page_mod.Page.section, "exit": page_mod._Section.__exit__}  # noqa: SLF001
    inside_ask: list[bool] = []

    def record(self: Workbook, asked: int | None, started: float, cpu: float, **call: Any) -> None:
        cpu = time.process_time() - cpu
        # An answer the workbook kept from an earlier identical question: no engine work,
        # so no bare SQL to compare with (its time still counts in storebook_s).
        kept = asked is not None and self.questions == asked
        calls.append({"section": stack[-1][0] if stack else None, "seconds": time.perf_counter() - started,
                      "cpu_s": cpu, "workbook": self, "kept": kept, **call})

    def timed(name: str):  # noqa: ANN202
        def run(self: Workbook, expr: Any) -> Any:
            if inside_ask:  # the first asking of a template question: recorded as the asking
                return real[name](self, expr)
            asked = getattr(self, "questions", None)
            started, cpu = time.perf_counter(), time.process_time()
            out = real[name](self, expr)
            record(self, asked, started, cpu, expr=expr, run=real[name])
            return out
        return run

    def ask(self: Workbook, build: Any, *dates: Any, **options: Any) -> Any:
        """A question asked as a template (storebook.engine.questions): timed whole, the
        building where it happens included; its expression is built for the bare SQL only
        afterwards (:func:`_summarise`), outside the timing."""
        asked = self.questions
        started, cpu = time.perf_counter(), time.process_time()
        inside_ask.append(True)
        try:
            out = real["ask"](self, build, *dates, **options)
        finally:
            inside_ask.pop()
        record(self, asked, started, cpu, build=lambda wb: build(wb, *dates, **options),
               run=lambda wb, _expr: real["ask"](wb, build, *dates, **options))
        return out

    def section(self: Any, key: str) -> Any:
        stack.append([key, time.perf_counter(), 0.0])
        return real["section"](self, key)

    def leave(self: Any, *exc: Any) -> Any:
        try:
            return real["exit"](self, *exc)
        finally:
            if stack and stack[-1][0] == self.key:
                stack[-1][2] = time.perf_counter() - stack[-1][1]
                calls.append({"section": self.key, "total": stack.pop()[2]})

    Workbook.execute, Workbook.scalar, Workbook.ask = timed("execute"), timed("scalar"), ask
    page_mod.Page.section, page_mod._Section.__exit__ = section, leave  # noqa: SLF001
    try:
        yield
    finally:
        Workbook.execute, Workbook.scalar, Workbook.ask = real["execute"], real["scalar"], real["ask"]
        page_mod.Page.section, page_mod._Section.__exit__ = real["section"], real["exit"]  # noqa: SLF001


def _run_cells(path: Path, parameters: dict[str, Any]) -> str | None:
    """Run a notebook's code cells in this process's IPython shell; the first error, or None."""
    import matplotlib
    import nbformat
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell

    class Discard(DisplayPublisher):  # outputs are not kept
        def publish(self, data: Any, metadata: Any = None, source: Any = None, **_: Any) -> None:
            return None

    matplotlib.use("Agg")
    shell = InteractiveShell.instance()
    shell.run_line_magic("colors", "nocolor")
    saved_pub, saved_ns = shell.display_pub, dict(shell.user_ns)
    shell.display_pub = Discard(shell=shell)
    try:
        shell.user_ns.update(parameters)
        for cell in nbformat.read(str(path), as_version=4).cells:
            if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
                continue
            outcome = shell.run_cell(cell.source, store_history=False, silent=True)
            error = outcome.error_in_exec or outcome.error_before_exec
            if error is not None:
                return f"{type(error).__name__}: {error}"
        return None
    finally:
        import matplotlib.pyplot as plt

        plt.close("all")
        shell.display_pub = saved_pub
        shell.user_ns.clear()
        shell.user_ns.update(saved_ns)
        shell.set_custom_exc((), None)


def _bare_sql_seconds(call: dict) -> tuple[float, float, float] | None:
    """The query's compiled SQL run again on its workbook's DuckDB connection, fetched as
    Arrow and brought to pandas by Arrow, as the bench's hand-written SQL of its headline
    queries is (storebook.bench._duck): its wall and CPU seconds, and the CPU-seconds of
    the Arrow fetch alone."""
    wb = call["workbook"]
    if getattr(wb.con, "name", "") != "duckdb":
        return None
    try:
        sql = str(wb.con.compile(call["expr"]))
        raw = wb.con.con  # the DuckDB connection under Ibis
        started, cpu = time.perf_counter(), time.process_time()
        table = raw.sql(sql).to_arrow_table()
        fetched = time.process_time() - cpu
        table.to_pandas()
        return time.perf_counter() - started, time.process_time() - cpu, fetched
    except Exception:  # noqa: BLE001 - a query Ibis runs in another way: left out of the floor
        return None


def _again(call: dict) -> tuple[float, float]:
    """The question asked through storebook again, its kept answers hidden (so it compiles,
    runs and converts as the first time did): its wall and CPU seconds."""
    wb = call["workbook"]
    saved = wb._answers, wb._answer_bytes  # noqa: SLF001
    wb._answers, wb._answer_bytes = {}, 0  # noqa: SLF001
    try:
        started, cpu = time.perf_counter(), time.process_time()
        call["run"](wb, call["expr"])
        return time.perf_counter() - started, time.process_time() - cpu
    finally:
        wb._answers, wb._answer_bytes = saved  # noqa: SLF001


def _side_by_side(call: dict, first: tuple[float, float, float] | None) -> tuple[tuple[float, ...], ...] | None:
    """(storebook, bare SQL) as (wall, CPU) and (wall, CPU, CPU of the Arrow fetch alone)
    seconds, each the least of :data:`SIDE_RUNS` runs (:data:`SMALL_SIDE_RUNS` for a question
    of less than :data:`SMALL_QUESTION_S`), the two sides alternating so that neither finds
    caches the other has not: ``first`` is the bare run that followed storebook's first
    (:func:`_bare_sql_seconds`), then storebook again, bare again, and so on, storebook last.
    None where the SQL cannot run bare."""
    if first is None:
        return None
    runs = SMALL_SIDE_RUNS if first[0] < SMALL_QUESTION_S else SIDE_RUNS
    sb, sql = [_again(call)], [first]
    for _ in range(runs - 1):
        sql.append(_bare_sql_seconds(call) or first)
        sb.append(_again(call))
    return (min(w for w, _ in sb), min(c for _, c in sb)), tuple(min(run[i] for run in sql) for i in range(3))


def profile_sections(root: Path, month: str, notebooks: list[str], notebooks_dir: Path) -> list[dict]:
    """Run the pack's notebooks here and profile each section (see the module docstring).

    Args:
        root: the workbook root (storebook.toml, data/processed).
        month: the report month, ``YYYY-MM``.
        notebooks: the pack's notebook names, in order.
        notebooks_dir: the folder holding ``<name>.ipynb``.
    Returns:
        One dict per section, slowest first: notebook, section, seconds, queries, kept, storebook_s,
        sql_s (None where no query could run bare), storebook_cpu_s, sql_cpu_s, error (the
        notebook's, if it stopped).
    """
    calls: list[dict] = []
    stack: list[list] = []
    rows: list[dict] = []
    old_root = os.environ.get("STOREBOOK_ROOT")
    os.environ["STOREBOOK_ROOT"] = str(root)
    try:
        with _recording(calls, stack):
            for name in notebooks:
                calls.clear()
                error = _run_cells(notebooks_dir / f"{name}.ipynb",
                                   {"month": month, "platforms": None, "data_path": None, "language": "en"})
                rows += _summarise(name, calls, error)
    finally:
        if old_root is None:
            os.environ.pop("STOREBOOK_ROOT", None)
        else:
            os.environ["STOREBOOK_ROOT"] = old_root
    return sorted(rows, key=lambda r: -r["seconds"])


def _summarise(notebook: str, calls: list[dict], error: str | None) -> list[dict]:
    totals = {c["section"]: c["total"] for c in calls if "total" in c}
    for call in calls:
        if "build" in call:  # a template's question, built now for its bare SQL (untimed)
            call["expr"] = call.pop("build")(call["workbook"])
    out = []
    for key, seconds in totals.items():
        calls_here = [c for c in calls if "expr" in c and c["section"] == key]
        queries = [c for c in calls_here if not c["kept"]]
        bare = [_bare_sql_seconds(c) for c in queries]
        known = [b for b in bare if b is not None]
        # Side by side: the questions that ran bare, each again through storebook and bare.
        pairs = [p for p in (_side_by_side(c, b) for c, b in zip(queries, bare, strict=True)) if p is not None]
        side = {"storebook_s": _total(pairs, 0, 0), "sql_s": _total(pairs, 1, 0),
                "storebook_cpu_s": _total(pairs, 0, 1), "sql_cpu_s": _total(pairs, 1, 1),
                "sql_arrow_cpu_s": _total(pairs, 1, 2), "queries": len(pairs)} if pairs else None
        out.append({"notebook": notebook, "section": key, "seconds": round(seconds, _DIGITS), "queries": len(queries),
                    "kept": len(calls_here) - len(queries),
                    "storebook_s": round(sum(c["seconds"] for c in calls_here), _DIGITS),
                    "sql_s": round(sum(b[0] for b in known), _DIGITS) if known else None,
                    "storebook_cpu_s": round(sum(c["cpu_s"] for c in calls_here), _DIGITS),
                    "sql_cpu_s": round(sum(b[1] for b in known), _DIGITS) if known else None,
                    "side_by_side": side, "error": error})
    return out


def _total(pairs: list[tuple[tuple[float, ...], ...]], side: int, measure: int) -> float:
    """One measure summed over a section's side-by-side pairs (:func:`_side_by_side`): side 0
    is storebook (wall, CPU), side 1 the bare SQL (wall, CPU, CPU of the Arrow fetch)."""
    return round(sum(p[side][measure] for p in pairs), _DIGITS)


def side_ratio(row: dict) -> str:
    """A section's storebook ÷ bare SQL CPU-seconds with both sides run warm (``side_by_side``)."""
    side = row.get("side_by_side")
    return f"{side['storebook_cpu_s'] / side['sql_cpu_s']:.2f}x" if side and side["sql_cpu_s"] else "—"


def format_sections(rows: list[dict], n: int = 12) -> list[str]:
    """The slowest ``n`` sections as table lines (queries: asked of the engine + answered from a kept answer)."""
    lines = [f"   {'section':<34}{'total':>8}{'queries':>11}{'storebook':>11}{'bare SQL':>10}{'sb/sql':>8}{'total/sql':>10}"
             f"{'cpu sb/sql':>11}{'side by side':>13}"]
    for r in rows[:n]:
        sql, sb, total = r["sql_s"], r["storebook_s"], r["seconds"]
        sql_cpu, sb_cpu = r.get("sql_cpu_s"), r.get("storebook_cpu_s")
        asked = f"{r['queries']}+{r['kept']}" if r.get("kept") else str(r["queries"])
        lines.append(f"   {r['section']:<34}{total:>7.2f}s{asked:>11}{sb:>10.2f}s"
                     f"{(f'{sql:.2f}s' if sql else '—'):>10}"
                     f"{(f'{sb / sql:.2f}x' if sql else '—'):>8}"
                     f"{(f'{total / sql:.1f}x' if sql else '—'):>10}"
                     f"{(f'{sb_cpu / sql_cpu:.2f}x' if sql_cpu and sb_cpu is not None else '—'):>11}"
                     f"{side_ratio(r):>13}")
    return lines
