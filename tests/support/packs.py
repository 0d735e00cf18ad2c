"""The report pack run in this process: on a store, on a sparse copy of one, and the full
sample store's results once per code version, shared by the xdist workers.

Sparse stores are made from an ingested store's processed folder: tables are linked (not
copied, not re-ingested) except those removed or blanked.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock

from storebook.engine.config import Config
from storebook.report import needs
from support.notebooks import run_notebook_in_process
from support.stores import REPO

#: The workbook's own pack (storebook.toml's [report] pack).
PACK = Config.load(REPO).report_pack


# ----------------------------------------------------------------------------- sparse stores

def link_store(source: Path, target: Path, *, drop: tuple[str, ...] = (), keep: tuple[str, ...] | None = None,
               blank: dict[str, tuple[str, ...] | dict[str, int]] | None = None, window: tuple[str, str] | None = None) -> Path:
    """A processed folder made of ``source``'s tables: linked, minus ``drop`` (or only ``keep``),
    with the columns of ``blank`` (table → columns, or column → n: every n-th row) set to
    null in a rewritten copy, and the
    event tables cut to the days ``window`` = (first, last) when given.

    Returns:
        ``target`` (the folder to pass as ``data_path``).
    """
    import pyarrow.compute as pc

    from storebook.engine import generations
    from storebook.engine.availability import EVENT_DATES

    # The tables live in the published generation; the copy is a flat folder of its own.
    source = Path(generations.resolve(source).data)
    target.mkdir(parents=True, exist_ok=True)
    blank = blank or {}
    for entry in sorted(source.iterdir()):
        name = entry.name
        is_table = entry.is_dir() and not name.startswith("_")
        if is_table and (name in drop or (keep is not None and name not in keep)):
            continue
        if name == "_cache":
            continue
        cut = window is not None and name in EVENT_DATES
        if is_table and (name in blank or cut):
            table = pq.read_table(entry)
            columns = blank.get(name, ())
            for column, every in (columns.items() if isinstance(columns, dict) else ((c, 1) for c in columns)):
                i = table.schema.get_field_index(column)
                field = table.schema.field(i)
                if every == 1:
                    values = pa.nulls(len(table), field.type)
                else:  # every n-th row unknown: a column known for part of the rows
                    mask = pa.array([k % every == 0 for k in range(len(table))])
                    values = pc.if_else(mask, pa.nulls(len(table), field.type), table[column])
                table = table.set_column(i, field.with_nullable(True), values)
            if cut:
                first, last = (pa.scalar(pd_ts, type=pa.timestamp("us")) for pd_ts in _bounds(window))
                # a row stays when every date it has falls in the window (a PO ordered before it goes)
                inside = None
                for column in EVENT_DATES[name]:
                    values = pc.cast(table[column], pa.timestamp("us"))
                    cond = pc.fill_null(pc.and_(pc.greater_equal(values, first), pc.less(values, last)), True)
                    inside = cond if inside is None else pc.and_(inside, cond)
                table = table.filter(pc.and_(inside, pc.is_valid(table[EVENT_DATES[name][0]])))
            (target / name).mkdir()
            pq.write_table(table, target / name / "part-0.parquet")
        else:
            (target / name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    return target


def _bounds(window: tuple[str, str]):
    """The window's first day and the day after its last, as datetimes."""
    import datetime as dt

    first, last = (dt.date.fromisoformat(d) for d in window)
    return dt.datetime.combine(first, dt.time()), dt.datetime.combine(last + dt.timedelta(days=1), dt.time())


# ----------------------------------------------------------------------------- comparing

def same_value(a: Any, b: Any, rel: float = 1e-9) -> bool:
    """Equal recorded values, floats to a relative ``rel`` (sums in another order differ in
    the last bits)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k], rel) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y, rel) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)
    return a == b


def run_pack(names: list[str], data_path: Path, root: Path) -> dict[str, dict]:
    """Run the notebooks ``names`` in this process on ``data_path``; each one's error, stderr,
    warnings, recorded results, the section of each record and its Markdown."""
    out = {}
    for name in names:
        run = run_notebook_in_process(name, {"data_path": str(data_path)}, root)
        out[name] = {"error": run.error, "stderr": run.stderr, "warnings": run.warnings, "results": run.results,
                     "sections": run.result_sections, "markdown": run.markdown}
    return out


def check_runs_clean(pack: dict[str, dict]) -> None:
    """Every notebook ran to its end: no exception, nothing on stderr, every section with a status,
    a section that could not run shows its note and records nothing."""
    for name, run in pack.items():
        assert run["error"] is None, f"{name}: {run['error']}"
        assert run["stderr"] == "", f"{name}: {run['stderr'][:500]}"
        assert run["warnings"] == [], f"{name}: {run['warnings'][:3]}"  # a kernel prints them to stderr
        sections = run["results"][f"{name}.sections"]
        assert sections and all(s["status"] in needs.STATUSES for s in sections), name
        for s in sections:
            if s["status"] == needs.NONE:
                assert s["notes"] and s["notes"][0], f"{name}: {s['key']} has no note"
                recorded = [k for k, sec in run["sections"].items() if sec == s["key"]]
                assert recorded == [], f"{name}: {s['key']} ran on no data yet recorded {recorded}"
            if s["status"] == needs.PARTIAL:
                assert s["notes"], f"{name}: {s['key']} is partial without saying why"
        traceback = [m for m in run["markdown"] if "Traceback" in m]
        assert traceback == [], name
        # A table the store lacks is for the section's needs check to say, with how to add it.
        # The engine's own message (naming a folder of data/processed) in a section means the
        # section, or a result it took from an earlier one, asked for a table it did not declare.
        engine = [f"{s['key']}: {n}" for s in sections for n in s["notes"] if "the workbook has no '" in n]
        assert engine == [], f"{name}: {engine[:3]}"


# ----------------------------------------------------------------------------- the full store's results

def code_digest() -> str:
    """The code a pack run depends on: the package, the notebooks, the runner (a baseline
    made by other code must not stand in for today's)."""
    import storebook

    package = Path(storebook.__file__).parent
    runner = [REPO / "tests" / "support" / "notebooks.py", REPO / "tests" / "support" / "packs.py"]
    paths = sorted([*package.rglob("*.py"), *(REPO / "notebooks").glob("*.ipynb"), *runner])
    return hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in paths)).hexdigest()[:12]


class FullPack:
    """Each notebook's results on the full sample store, run once per code version and shared
    by the xdist workers: one file and one lock per notebook, so two workers that both need
    the baseline run different notebooks of it instead of one waiting for the other."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.root, self.folder = root, folder
        self.folder.mkdir(parents=True, exist_ok=True)

    def __getitem__(self, name: str) -> dict:
        target = self.folder / f"{name}.json"
        with FileLock(str(target) + ".lock"):
            if not target.is_file():
                done = run_pack([name], self.root / "data" / "processed", self.root)[name]
                target.write_text(json.dumps(done), encoding="utf-8")
        return json.loads(target.read_text(encoding="utf-8"))

    def items(self):
        """(notebook, its results) for every notebook of the pack."""
        return ((name, self[name]) for name in PACK)
