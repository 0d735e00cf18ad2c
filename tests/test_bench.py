"""The benchmark compares like with like: its three implementations agree."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from storebook import bench
from storebook.engine.periods import month

pytestmark = pytest.mark.slow


def test_three_implementations_give_the_same_numbers(sample_root: Path) -> None:
    assert bench.check_agreement(sample_root, month("2026-09")) == []


def test_agreement_check_catches_a_wrong_baseline(sample_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A baseline that drops a platform must be reported, or the check proves nothing."""
    query = bench.QUERIES[0]
    wrong = bench.Query(query.name, query.keys, query.storebook, query.sql,
                        lambda p, period: query.pandas(p, period).iloc[1:])
    monkeypatch.setattr(bench, "QUERIES", [wrong])
    assert [d.split(":")[0] for d in bench.check_agreement(sample_root, month("2026-09"))] == [query.name]


def test_scales_are_order_lines_from_the_default_store(sample_root: Path) -> None:
    import json

    truth = json.loads((sample_root / "data/raw/_truth.json").read_text())
    # The test store is 14 months at scale 0.2: lines per month-scale unit must match the constant.
    per_unit = truth["rows"]["order_lines"] / (truth["months"] / 24 * truth["scale"])
    assert per_unit == pytest.approx(bench.LINES_AT_SCALE_1, rel=0.25)


def test_table_shows_ratios() -> None:
    q = {"median_s": 1.0, "peak_rss_mb": 300.0}
    results = {"scales": {"1M": {
        "store": {"rows": {"order_lines": 1_000_000, "orders": 650_000},
                  "ingest": {"seconds": 9.0, "peak_rss_mb": 900.0}},
        "scan": {"median_s": 0.1}, "disagreements": [],
        "queries": {"traffic.summarise_traffic": {
            "storebook": {**q, "median_s": 0.3, "cold_s": 0.45}, "sql": {**q, "median_s": 0.2},
            "pandas": {**q, "median_s": 1.5}}},
    }}}
    table = bench.format_table(results)
    assert "1.50x" in table and "5.0x" in table and "1,000,000 order lines" in table
    assert "2.25x" in table  # the run that compiled every shape, against the SQL
    assert "bare scan 0.10s" in table
    assert (bench._fmt(0.0243), bench._fmt(0.0451), bench._fmt(0.45)) == ("24.3ms", "45.1ms", "0.45s")


def test_the_queries_are_timed_once_the_machine_is_quiet_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ingest a scale starts with leaves the load up; its queries wait for it to fall, as
    the ingest waited, and the table says at what load they were timed."""
    done: list[str] = []
    loads = iter([0.4])
    monkeypatch.setattr(bench, "ensure_store", lambda base, label, log: done.append("ingest") or {
        "ingest": {"ok": True, "seconds": 60.0}, "rows": {"order_lines": 10, "orders": 5}})
    monkeypatch.setattr(bench, "check_agreement", lambda root, period: [])
    monkeypatch.setattr(bench, "wait_for_quiet", lambda log: done.append("quiet") or {
        "load_before": next(loads), "waited_s": 50.0, "quiet": True})
    monkeypatch.setattr(bench, "time_query", lambda root, query, method, runs: done.append(f"{query} {method}") or {
        "ok": True, "median_s": 0.5})  # not small: timed once each way (see the next test)
    results = bench.run_bench(["10M"], with_report=False, base=tmp_path, log=lambda _: None)
    assert done[:3] == ["ingest", "quiet", "scan sql"]
    assert len(done) == 3 + len(bench.QUERIES) * len(bench.METHODS)
    assert "(the queries timed at load 0.4)" in bench.format_table(results)



def test_a_small_query_is_timed_three_times_as_often_both_ways_and_its_median_taken_over_all(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A query of milliseconds (storebook and SQL both under SMALL_QUERY_S) is timed again in a
    second process each for storebook and SQL, twice as many runs; the median is over all nine
    runs. pandas, and a query where either side is bigger, are timed once."""
    asked: list[tuple[str, str, int]] = []
    times = {("small", "storebook"): [[0.030, 0.011, 0.014], [0.010, 0.013, 0.012, 0.011, 0.014, 0.010]],
             ("small", "sql"): [[0.012, 0.014, 0.008], [0.009, 0.010, 0.008, 0.011, 0.009, 0.010]],
             ("small", "pandas"): [[0.030, 0.031, 0.029]],
             ("mixed", "storebook"): [[0.05, 0.06, 0.05]], ("mixed", "sql"): [[0.2, 0.2, 0.3]],
             ("mixed", "pandas"): [[1.0, 1.1, 1.2]]}

    def time_query(root: Path, query: str, method: str, runs: int) -> dict:
        seconds = times[query, method][sum(1 for q, m, _ in asked if (q, m) == (query, method))]
        asked.append((query, method, runs))
        assert len(seconds) == runs
        return {"ok": True, "seconds": seconds, "median_s": sorted(seconds)[len(seconds) // 2], "open_s": [0.001] * runs,
                "peak_rss_mb": 200.0 + runs, "cold_s": 0.05, "shapes": [None] * runs}

    monkeypatch.setattr(bench, "time_query", time_query)
    small = bench.time_methods(Path("store"), "small", 3)
    assert asked == [("small", "storebook", 3), ("small", "sql", 3), ("small", "pandas", 3),
                     ("small", "storebook", 6), ("small", "sql", 6)]
    assert len(small["storebook"]["seconds"]) == 9 and small["storebook"]["median_s"] == 0.012
    assert small["sql"]["median_s"] == 0.010 and small["pandas"]["median_s"] == 0.030
    assert small["storebook"]["peak_rss_mb"] == 206.0 and small["storebook"]["cold_s"] == 0.05
    asked.clear()
    mixed = bench.time_methods(Path("store"), "mixed", 3)
    assert [runs for _, _, runs in asked] == [3, 3, 3] and mixed["sql"]["median_s"] == 0.2

def test_section_times_read_each_section_cell_of_an_executed_pack(tmp_path: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    cells = [("month = None", 0.01), ('page = storebook.notebook.start("traffic", month=month)', 1.5),
             ('with page.section("traffic.headline"):\n    x = 1', 2.25), ("print('no section')", 9.0),
             ("with page.section('traffic.daily'):\n    y = 2", 0.5)]
    for source, seconds in cells:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["papermill"] = {"duration": seconds}
        nb.cells.append(cell)
    nbformat.write(nb, str(tmp_path / "traffic.ipynb"))
    assert bench.section_times(tmp_path) == [
        {"notebook": "traffic", "section": "traffic.headline", "seconds": 2.25},
        {"notebook": "traffic", "section": "traffic.setup", "seconds": 1.5},
        {"notebook": "traffic", "section": "traffic.daily", "seconds": 0.5},
    ]


def test_the_default_pack_is_judged_by_its_cells_time(tmp_path: Path) -> None:
    import nbformat

    for name, durations in {"traffic": [0.25, 1.5, 2.0], "supplier": [0.25, 3.0, None]}.items():
        nb = nbformat.v4.new_notebook()
        nb.cells.append(nbformat.v4.new_markdown_cell("no time"))
        for seconds in durations:
            cell = nbformat.v4.new_code_cell("x = 1")
            cell.metadata["papermill"] = {"duration": seconds}  # None: a cell that never ran
            nb.cells.append(cell)
        nbformat.write(nb, str(tmp_path / f"{name}.ipynb"))
    assert bench.cell_seconds(tmp_path) == 7.0
    # 10.5 s of wall with 2 kernels for 7 s of cells: each kernel was in a cell 2 of every 3 seconds.
    runs = [{"ok": True, "seconds": 10.5, "cells_s": 7.0, "wall_x_jobs_per_cell_s": 3.0, "cpu_s": 20.0,
             "load_avg": 0.4, "peak_rss_mb": 900.0}]
    table = bench.format_table({"scales": {}, "default_pack": {"ok": True, "jobs": 2, "notebooks": 2, "runs": runs}})
    assert "the default pack (sample store, 2 notebooks, --jobs 2)" in table
    assert "run 1: 10.50s wall, 7.00s in cells, ratio 3.0" in table


def test_section_profile_counts_each_sections_queries(sample_root: Path) -> None:
    import re

    from storebook.bench.sections import format_sections, profile_sections

    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    rows = profile_sections(sample_root, "2026-09", ["traffic"], notebooks)
    declared = set(re.findall(r'page\.section\("([^"]+)"\)', (notebooks / "traffic.py").read_text(encoding="utf-8")))
    assert {r["section"] for r in rows} == declared
    assert all(r["error"] is None and r["notebook"] == "traffic" for r in rows)
    headline = next(r for r in rows if r["section"] == "traffic.headline")
    assert headline["queries"] > 0 and headline["sql_s"] is not None
    assert headline["storebook_cpu_s"] > 0 and headline["sql_cpu_s"] is not None
    # A section's queries run inside it: they cannot take longer than the section.
    assert all(r["storebook_s"] <= r["seconds"] for r in rows)
    assert [r["seconds"] for r in rows] == sorted((r["seconds"] for r in rows), reverse=True)
    assert "traffic.headline" in "\n".join(format_sections(rows))


def test_cpu_of_what_a_command_leaves_running_is_counted(tmp_path: Path) -> None:
    """`storebook report` returns before its kernels' template has finished; the template's
    CPU (and its kernels') must still be the run's. Here the command starts a process that
    spends 0.5 CPU-s after the command has exited: its seconds are in the count, and the
    command's wall time is the command's alone."""
    import sys

    from storebook.bench import _timed

    burn = ("import time\nstart = time.process_time()\n"
            "while time.process_time() - start < 0.5:\n    pass\n")
    parent = (f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', {burn!r}], "
              "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n")
    result = _timed([sys.executable, "-c", parent], env=dict(os.environ), cwd=tmp_path)
    assert result["ok"], result["error"]
    assert result["cpu_s"] >= 0.5


def test_later_default_packs_find_the_last_packs_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nbformat

    # storebook.report.pack runs the notebooks longest first from the last pack's run.json in
    # the output folder: a timed pack must find the one before it, as a monthly run finds last
    # month's, and the first of a bench run none (time_default_pack empties the folder once).
    seen: list[bool] = []

    def fake_report(command: list[str], env: dict) -> dict:  # noqa: ARG001 - bench._timed's signature
        out = Path(command[command.index("--out") + 1])
        seen.append(any(out.glob("*/en/run.json")))
        pack = out / bench.BENCH_MONTH / "en"
        pack.mkdir(parents=True, exist_ok=True)
        (pack / "run.json").write_text("{}")
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", metadata={"papermill": {"duration": 2.0}})])
        nbformat.write(nb, str(pack / "traffic.ipynb"))
        return {"ok": True, "seconds": 1.0}

    root = tmp_path / "stores" / bench.DEFAULT_STORE
    (root / "bench_report" / "2026-09" / "en").mkdir(parents=True)
    (root / "bench_report" / "2026-09" / "en" / "run.json").write_text("{}")  # an older bench's pack
    monkeypatch.setattr(bench, "ensure_store", lambda base, label, log=print: {"ingest": {"ok": True}})
    monkeypatch.setattr(bench, "_timed", fake_report)
    bench.time_default_pack(tmp_path, runs=3, log=lambda _: None)
    assert seen == [False, True, True]


def test_an_ingest_waits_for_a_quiet_machine_and_says_how_quiet_it_was() -> None:
    """Issue #17 times the 10M ingest on a machine with load < 1: the wait ends once the
    1-minute average falls below it, or at its patience with the machine called busy."""
    from storebook.bench import wait_for_quiet

    falling = iter([2.2, 1.6, 1.1, 0.9, 0.5])
    slept: list[float] = []
    quiet = wait_for_quiet(1.0, 300, loadavg=lambda: (next(falling), 0.0, 0.0), sleep=slept.append,
                           log=lambda _: None)
    assert quiet == {"load_before": 0.9, "waited_s": 15.0, "quiet": True}
    assert slept == [5.0, 5.0, 5.0]

    busy = wait_for_quiet(1.0, 12, loadavg=lambda: (3.0, 0.0, 0.0), sleep=lambda _: None, log=lambda _: None)
    assert busy == {"load_before": 3.0, "waited_s": 15.0, "quiet": False}
    # Already quiet: no wait at all.
    assert wait_for_quiet(1.0, 300, loadavg=lambda: (0.2, 0.0, 0.0), sleep=slept.append,
                          log=lambda _: None)["waited_s"] == 0.0


def test_the_table_shows_the_load_an_ingest_started_at() -> None:
    ingest = {"seconds": 58.0, "peak_rss_mb": 3000.0, "cpu_s": 105.0, "load_avg": 2.1,
              "load_before": 0.8, "waited_s": 45.0, "quiet": True}
    entry = {"store": {"rows": {"order_lines": 10_000_000, "orders": 6_500_000}, "ingest": ingest},
             "scan": {"median_s": 0.1}, "disagreements": [], "queries": {}}
    table = bench.format_table({"scales": {"10M": entry}})
    assert "ingest 58.00s" in table and "load before 0.8, load after 2.1" in table
    busy = bench.format_table({"scales": {"10M": {**entry, "store": {**entry["store"],
                                                                        "ingest": {**ingest, "quiet": False}}}}})
    assert "load before 0.8 (busy)" in busy
    cached = bench.format_table({"scales": {"10M": {**entry, "store": {**entry["store"], "ingest": {
        **ingest, "raw_read_s": 1.23, "raw_mb": 2600.0}}}}})
    assert "raw files read into the cache first in 1.2 s" in cached


def test_the_raw_files_are_read_whole_before_an_ingest_is_timed(tmp_path: Path) -> None:
    """Every byte of every file, nested folders included (the raw store has one per table),
    so that the timed ingest finds them in the page cache, as after a download."""
    (tmp_path / "orders").mkdir()
    (tmp_path / "orders" / "2026-09.csv").write_bytes(b"x" * (3 * 2**24 + 5))  # more than one read
    (tmp_path / "traffic.csv").write_bytes(b"y" * 1000)
    (tmp_path / "empty").mkdir()
    read = bench.read_through(tmp_path)
    assert read["raw_mb"] == round((3 * 2**24 + 5 + 1000) / 2**20, 1)
    assert read["raw_read_s"] >= 0


def test_the_sampled_tree_is_the_command_its_children_and_theirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The children files each thread lists give the same tree as every process's parent
    (what is read where a kernel has no children files)."""
    import subprocess
    import sys
    import time

    ready = tmp_path / "ready"
    grandchild = f"import pathlib, time; pathlib.Path({str(ready)!r}).touch(); time.sleep(30)"
    child = (f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {grandchild!r}]); "
             "time.sleep(30)")
    proc = subprocess.Popen([sys.executable, "-c", child])
    try:
        deadline = time.monotonic() + 20
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        tree = bench._tree(proc.pid)
        assert len(tree) == 2 and proc.pid in tree
        with monkeypatch.context() as m:
            m.setattr(bench, "_own_children", lambda pid: None)
            assert bench._tree(proc.pid) == tree
        rss, pss = bench._tree_memory_kb(proc.pid, proportional=False)
        assert rss > 2 * 5_000 and pss is None  # two Pythons, each well over 5 MB resident
        rss_again, pss = bench._tree_memory_kb(proc.pid)
        assert 0 < pss <= rss_again  # shared pages count once in PSS, once per process in RSS
    finally:
        for pid in bench._tree(proc.pid) - {proc.pid}:
            os.kill(pid, 9)
        proc.kill()
        proc.wait()


def test_a_timed_command_records_its_memory_and_what_sampling_it_cost(tmp_path: Path) -> None:
    import sys

    code = "b = bytearray(200 * 2**20); import time; time.sleep(1.2)"  # 200 MB touched
    result = bench._timed([sys.executable, "-c", code], env=dict(os.environ), cwd=tmp_path, proportional=False)
    assert result["ok"], result["error"]
    assert result["peak_rss_mb"] >= 200 and result["peak_pss_mb"] is None
    assert 0 <= result["sampler_cpu_s"] < result["seconds"]
    with_pss = bench._timed([sys.executable, "-c", code], env=dict(os.environ), cwd=tmp_path)
    assert with_pss["peak_pss_mb"] >= 200


def test_sections_are_also_compared_side_by_side_and_counted(sample_root: Path) -> None:
    """Each section's questions run again through storebook and bare, alternately: both warm.
    The warm storebook run asks the engine again (its kept answers hidden), so it takes time,
    and the count of sections over 1.3x is the rows' own, worked here by hand."""
    from storebook.bench import sections_over
    from storebook.bench.sections import profile_sections

    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    rows = profile_sections(sample_root, "2026-09", ["traffic"], notebooks)
    headline = next(r for r in rows if r["section"] == "traffic.headline")
    side = headline["side_by_side"]
    assert side["queries"] == headline["queries"] and side["storebook_cpu_s"] > 0 and side["sql_cpu_s"] > 0
    # The floor is brought to pandas, as the headline queries' hand-written SQL is; the Arrow
    # fetch alone is part of it, the least of each run's.
    assert 0 < side["sql_arrow_cpu_s"] <= side["sql_cpu_s"]
    made = [{"storebook_cpu_s": 1.4, "sql_cpu_s": 1.0,
             "side_by_side": {"storebook_cpu_s": 1.2, "sql_cpu_s": 1.0, "sql_arrow_cpu_s": 0.8}},
            {"storebook_cpu_s": 2.0, "sql_cpu_s": 1.0,
             "side_by_side": {"storebook_cpu_s": 1.4, "sql_cpu_s": 1.0, "sql_arrow_cpu_s": 0.9}},
            {"storebook_cpu_s": 1.0, "sql_cpu_s": None, "side_by_side": None}]
    assert sections_over(made) == [
        "   sections over 1.3x their SQL in CPU (first run against bare SQL after it): 2 of 2; together 1.70x",
        "   sections over 1.3x their SQL in CPU (side by side, both warm): 1 of 2; together 1.30x",
        "   sections over 1.3x their SQL in CPU (side by side, the SQL's answer left in Arrow): 2 of 2; together 1.53x"]


@pytest.mark.parametrize("bare_s", [0.0027, 0.027])
def test_a_section_side_by_side_is_the_least_of_its_runs_each_kept_to_the_microsecond(
        monkeypatch: pytest.MonkeyPatch, bare_s: float) -> None:
    """Each side runs SIDE_RUNS times, or SMALL_SIDE_RUNS for a question under
    SMALL_QUESTION_S, alternating (bare first: the run after storebook's first asking), and
    its least counts; times of a few milliseconds keep their microseconds, so a question of
    3.1 ms against 2.6 ms reads 1.19x, not 0.004 s against 0.003 s (1.33x)."""
    from storebook.bench import sections

    order: list[str] = []
    runs = sections.SMALL_SIDE_RUNS if bare_s < sections.SMALL_QUESTION_S else sections.SIDE_RUNS
    assert (sections.SIDE_RUNS, sections.SMALL_SIDE_RUNS) == (3, 9)
    # The least of each side is one of the runs after the third: not seen with three runs each.
    storebook_runs = iter([(0.0034, 0.0035), (0.0032, 0.0033), (0.0034, 0.0035)] + [(0.0030, 0.0031)] * 6)
    bare_runs = iter([(bare_s, 0.0028, 0.0021), (0.0029, 0.0030, 0.0021), (0.0029, 0.0030, 0.0021)]
                     + [(0.0025, 0.0026, 0.0019)] * 6)

    def again(call: dict) -> tuple[float, float]:
        order.append("storebook")
        return next(storebook_runs)

    def bare(call: dict) -> tuple[float, float, float]:
        order.append("sql")
        return next(bare_runs)

    monkeypatch.setattr(sections, "_again", again)
    monkeypatch.setattr(sections, "_bare_sql_seconds", bare)
    calls = [{"section": "traffic.daily", "seconds": 0.0040, "cpu_s": 0.0041, "workbook": None, "kept": False,
              "expr": object()},
             {"section": "traffic.daily", "total": 0.0123}]
    [row] = sections._summarise("traffic", calls, None)  # noqa: SLF001
    assert order == ["sql", "storebook"] * runs
    if runs == sections.SIDE_RUNS:  # the least of the first three
        assert row["side_by_side"] == {"storebook_s": 0.0032, "sql_s": 0.0029, "storebook_cpu_s": 0.0033,
                                       "sql_cpu_s": 0.0028, "sql_arrow_cpu_s": 0.0021, "queries": 1}
        return
    assert row["side_by_side"] == {"storebook_s": 0.003, "sql_s": 0.0025, "storebook_cpu_s": 0.0031,
                                   "sql_cpu_s": 0.0026, "sql_arrow_cpu_s": 0.0019, "queries": 1}
    assert row["storebook_cpu_s"] == 0.0041 and row["sql_cpu_s"] == 0.0028 and row["seconds"] == 0.0123
    assert sections.side_ratio(row) == "1.19x"


def test_a_timed_command_ends_when_it_exits_not_at_the_next_memory_sample(tmp_path: Path) -> None:
    """The memory is sampled every 0.2 s; the command's time must not wait for the next sample.
    The command writes the moment it exits; the time taken ends within 0.06 s of it, each of
    three times (a check at the samples would be late by 0.1 s on average, up to 0.2 s)."""
    import sys

    stamp = tmp_path / "exited"
    code = f"import time; time.sleep(0.25); open({str(stamp)!r}, 'w').write(repr(time.time()))"
    for _ in range(3):
        started = time.time()
        result = bench._timed([sys.executable, "-c", code], env=dict(os.environ), cwd=tmp_path)
        assert result["ok"], result["error"]
        late = started + result["seconds"] - float(stamp.read_text())
        assert -0.02 < late < 0.06, late
