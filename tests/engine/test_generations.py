"""Generations of data/processed (storebook.engine.generations) and the ingest lock (storebook.engine.locks):
a run stopped at any step of the swap leaves a store that reads, whose _ingest.json agrees
with its tables, and that the next plain ingest repairs; two ingests never collide."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

import storebook
from conftest import REPO, TEST_KEY, tables_dir, tiny_rows, write_csv
from storebook.cli import main
from storebook.engine import generations, locks
from storebook.engine.config import Config
from storebook.errors import NoDataError, StorebookError
from storebook.ingest.pipeline import LOCK, ingest, read_rejected

NOW = datetime(2026, 11, 27, 12, 0, 0)
LIB = REPO / "lib"
#: The named steps of publishing a generation, in order (storebook.engine.generations.publish).
STEPS = ["staged", "generation-renamed", "pointer-written", "published", "removed-old"]
#: Steps at which the new tables are already the current ones.
AFTER_SWITCH = {"published", "removed-old"}


def run(root: Path, **kwargs):
    return ingest(Config.load(root), now=NOW, **kwargs)


def add_order(root: Path, order_id: str) -> None:
    """One more paid order (with its line) in the tiny store's raw files."""
    rows = tiny_rows()
    order = {**rows["orders"][1], "order_id": order_id}
    line = {**rows["order_lines"][1], "order_id": order_id}
    extra_orders = root / "data/raw/orders/orders_extra.csv"
    old = pd.read_csv(extra_orders, dtype=str, keep_default_na=False).to_dict("records") if extra_orders.exists() else []
    write_csv(root, "orders", "orders_extra.csv", [*old, order])
    extra_lines = root / "data/raw/order_lines/lines_extra.csv"
    old = pd.read_csv(extra_lines, dtype=str, keep_default_na=False).to_dict("records") if extra_lines.exists() else []
    write_csv(root, "order_lines", "lines_extra.csv", [*old, line])


def assert_consistent(root: Path, orders: int) -> None:
    """storebook.open() queries every table; its _ingest.json agrees with the tables, byte
    for byte; the rejected rows add up; the orders table holds ``orders`` rows."""
    wb = storebook.open(root / "data" / "processed")
    manifest = wb.ingest_manifest()
    assert manifest["tables"], "no manifest"
    for table, info in manifest["tables"].items():
        assert wb.sql(f"select count(*) as n from {table}")["n"].iloc[0] == info["rows"], table
    assert wb.tables() == list(manifest["tables"])
    assert generations.verify(Path(wb.data_dir), checksums=True) == []
    assert len(read_rejected(Config.load(root))) == sum(f["rows_rejected"] for f in manifest["files"])
    assert manifest["tables"]["orders"]["rows"] == orders


def leftovers(root: Path) -> list[str]:
    """What lies in data/processed besides the pointer, the kept generations, cache and lock
    (with the record of who held it last, which a killed run cannot remove)."""
    processed = root / "data" / "processed"
    pointer = json.loads((processed / generations.POINTER).read_text())
    keep = {pointer["generation"], pointer["previous"]}
    out = [p.name for p in processed.iterdir()
           if p.name not in {generations.POINTER, generations.GENERATIONS, "_cache", LOCK, f"{LOCK}.json"}]
    out += [f"{generations.GENERATIONS}/{p.name}" for p in (processed / generations.GENERATIONS).iterdir()
            if p.name not in keep]
    return sorted(out)


# ----------------------------------------------------------------------------- the layout

def test_each_ingest_publishes_a_generation_and_keeps_the_previous_one(tiny: Path) -> None:
    processed = tiny / "data" / "processed"
    run(tiny)
    assert json.loads((processed / "_current.json").read_text()) == {"generation": "000001", "previous": None}
    assert run(tiny).skipped  # unchanged raw files: no new generation
    add_order(tiny, "O10")
    run(tiny)
    assert json.loads((processed / "_current.json").read_text()) == {"generation": "000002", "previous": "000001"}
    reader = storebook.open()  # holds generation 2 from here on
    assert reader.generation == "000002" and reader.data_dir == processed / "_generations" / "000002"
    add_order(tiny, "O11")
    run(tiny)
    assert sorted(p.name for p in (processed / "_generations").iterdir()) == ["000002", "000003"]
    # An open workbook keeps reading the generation it opened while a newer one is published…
    assert reader.sql("select count(*) as n from orders")["n"].iloc[0] == 4
    assert storebook.open().sql("select count(*) as n from orders")["n"].iloc[0] == 5
    add_order(tiny, "O12")
    run(tiny)
    assert sorted(p.name for p in (processed / "_generations").iterdir()) == ["000003", "000004"]
    # … until the ingest after that removes it; then it says so.
    with pytest.raises(StorebookError, match="generation 000002 .* replaced by newer ingests since: open the workbook again"):
        reader.sql("select count(*) as n from orders")
    assert_consistent(tiny, orders=6)
    assert leftovers(tiny) == []


def test_the_same_raw_files_give_the_same_table_bytes_in_every_generation(tiny: Path) -> None:
    run(tiny)
    first = tables_dir(tiny)
    run(tiny, force=True)
    second = tables_dir(tiny)
    assert first != second
    names = sorted(p.relative_to(first) for p in first.rglob("*.parquet"))
    assert names == sorted(p.relative_to(second) for p in second.rglob("*.parquet"))
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def test_a_flat_folder_and_a_copied_generation_still_read(tiny: Path, tmp_path: Path) -> None:
    """The layout of an older storebook (<table>/ + _ingest.json at the top) and a generation
    copied on its own (what a lake may hold) are read as they are, locally and by URI."""
    run(tiny)
    flat = tmp_path / "lake" / "processed"
    shutil.copytree(tables_dir(tiny), flat)
    current = storebook.open()
    for location in (flat, flat.as_uri()):
        wb = storebook.open(location)
        assert wb.generation is None and str(wb.data_dir).rstrip("/") == str(location).rstrip("/")
        assert wb.tables() == current.tables() and wb.fingerprint == current.fingerprint
        assert wb.sql("select count(*) as n from order_lines")["n"].iloc[0] == 3


def test_a_torn_store_left_by_the_old_swap_is_rebuilt_by_a_plain_ingest(tiny: Path) -> None:
    """The state of issue #15: killed between two renames, the old swap left products in
    .trash while _ingest.json was the old one; a plain ingest said "nothing to do"."""
    run(tiny)
    processed = tiny / "data" / "processed"
    current = tables_dir(tiny)
    for entry in current.iterdir():  # the flat layout the old storebook wrote
        entry.rename(processed / entry.name)
    shutil.rmtree(processed / "_generations")
    (processed / "_current.json").unlink()
    (processed / ".trash").mkdir()
    (processed / "products").rename(processed / ".trash" / "products")
    with pytest.raises(NoDataError, match="no 'products' table"):
        storebook.open().table("products")
    report = run(tiny)
    assert not report.skipped
    assert any("table products is missing" in note and "rebuilt" in note for note in report.repairs)
    assert any(".trash" in note for note in report.repairs)
    assert_consistent(tiny, orders=3)
    assert leftovers(tiny) == []  # the flat tables, .trash and the old _ingest.json are gone
    assert sorted(p.name for p in (processed / "_generations").iterdir()) == ["000001"]
    assert run(tiny).skipped


@pytest.mark.parametrize("pointer", ['{"generation": "000009"}', '{"generation": "../../etc"}', "{half"])
def test_a_pointer_to_nothing_is_named_and_a_plain_ingest_rebuilds(tiny: Path, pointer: str) -> None:
    run(tiny)
    (tiny / "data/processed/_current.json").write_text(pointer)
    with pytest.raises(NoDataError, match=r"_current.json .*run `storebook ingest`"):
        storebook.open()
    report = run(tiny)
    assert not report.skipped and report.repairs
    assert_consistent(tiny, orders=3)


def test_ingest_refuses_to_write_into_a_generation(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(tiny)
    generation = tables_dir(tiny)
    monkeypatch.setenv("STOREBOOK_PROCESSED", str(generation))
    with pytest.raises(StorebookError, match=r"is a generation of the processed data in .*set the processed path"):
        run(tiny)
    assert sorted(p.name for p in generation.iterdir()) == ["_derived", "_ingest.json", "_rejected", "order_lines",
                                                           "orders", "products", "promotions", "suppliers"]


def test_a_store_whose_first_ingest_stopped_on_a_bad_file_has_no_data(tiny: Path) -> None:
    (tiny / "data/raw/orders/bad.csv").write_bytes(b"")
    with pytest.raises(Exception, match="the file is empty"):
        run(tiny)
    with pytest.raises(NoDataError, match="no processed data in .*run `storebook ingest`"):
        storebook.open()


def test_rejected_rows_are_read_from_the_current_generation(tiny: Path) -> None:
    rows = tiny_rows()
    bad = {**rows["orders"][1], "order_id": "O9", "paid_amount": "lots"}
    write_csv(tiny, "orders", "orders_bad.csv", [bad])
    run(tiny)
    assert read_rejected(Config.load(tiny))["value"].tolist() == ["lots"]
    (tiny / "data/raw/orders/orders_bad.csv").unlink()
    run(tiny)
    assert read_rejected(Config.load(tiny)).empty  # not the previous generation's rejections


# ----------------------------------------------------------------------------- stopped at each step

@pytest.fixture
def two_generations(tiny: Path) -> Path:
    """Generation 1 (3 orders) and 2 (4 orders) published, and one more order in the raw
    files: the next ingest publishes 5 orders and removes generation 1."""
    run(tiny)
    add_order(tiny, "O10")
    run(tiny)
    add_order(tiny, "O11")
    return tiny


@pytest.mark.parametrize("step", STEPS)
def test_an_ingest_that_fails_at_any_step_leaves_the_store_readable(two_generations: Path, step: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = two_generations

    def fail(name: str) -> None:
        if name == step:
            raise OSError(f"planted failure at {step}")

    with monkeypatch.context() as patched:
        patched.setattr(locks, "reached", fail)
        with pytest.raises(OSError, match="planted failure"):
            run(root)
    assert_consistent(root, orders=5 if step in AFTER_SWITCH else 4)
    assert leftovers(root) == []  # a failing run tidies up after itself
    again = run(root)
    assert again.skipped == (step in AFTER_SWITCH)
    assert_consistent(root, orders=5)


KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from datetime import datetime
    import storebook.ingest.pipeline as ingest_module
    import storebook.engine.locks as locks
    from storebook.engine.config import Config

    step = sys.argv[1]

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    locks.reached = lambda name: die() if name == step else None
    if step.startswith("write-"):  # killed while writing the n-th table of the new generation
        real, calls = ingest_module._write_parquet, []

        def write(table, path):
            calls.append(path)
            if len(calls) == int(step.split("-")[1]):
                die()
            real(table, path)

        ingest_module._write_parquet = write
    ingest_module.ingest(Config.load(), now=datetime(2026, 11, 27, 12))
""")


def ingest_killed_at(root: Path, step: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "STOREBOOK_ROOT": str(root), "STOREBOOK_HASH_KEY": TEST_KEY,
           "PYTHONPATH": os.pathsep.join([str(LIB), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", KILL_SCRIPT, step], env=env, capture_output=True, text=True,
                          timeout=180)


@pytest.mark.parametrize("step", ["write-3", *STEPS])
def test_an_ingest_killed_at_any_step_leaves_a_store_the_next_ingest_repairs(two_generations: Path, step: str) -> None:
    """SIGKILL (no clean-up runs) at each step of writing and publishing a generation."""
    root = two_generations
    done = ingest_killed_at(root, step)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    after_switch = step in AFTER_SWITCH
    assert_consistent(root, orders=5 if after_switch else 4)
    left = leftovers(root)
    if step == "pointer-written":  # the new pointer, written beside the current one
        assert len(left) == 2 and left[0] == "_current.json.{}.tmp".format(left[0].split(".")[2])
        assert left[1] == "_generations/000003"
    else:
        assert left == {"write-3": ["_generations/000003.partial"], "staged": ["_generations/000003.partial"],
                        "generation-renamed": ["_generations/000003"], "published": ["_generations/000001"],
                        "removed-old": []}[step]
    again = run(root)
    assert again.skipped == after_switch
    if not after_switch:
        assert again.repairs and all("stopped" in note for note in again.repairs), again.repairs
    assert_consistent(root, orders=5)
    assert leftovers(root) == []
    assert not (root / "data/processed" / f"{LOCK}.json").exists()  # the dead holder's record is replaced


# ----------------------------------------------------------------------------- one ingest at a time

HOLD_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from storebook.engine import locks

    with locks.hold(Path(sys.argv[1]), "ingest"):
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def hold_in_another_process(lock: Path, seconds: float) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(LIB), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-c", HOLD_SCRIPT, str(lock), str(seconds)], env=env,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_ingest_stops_at_once_naming_the_running_one(tiny: Path, capsys: pytest.CaptureFixture) -> None:
    run(tiny)
    processed = tiny / "data" / "processed"
    pointer = (processed / "_current.json").read_bytes()
    holder = hold_in_another_process(processed / LOCK, 60)
    try:
        started = time.monotonic()
        assert main(["ingest", "--force"]) == 2
        err = capsys.readouterr().err
        assert time.monotonic() - started < 5
        since = datetime.now().strftime("%H:%M")
        assert f"another ingest is running since {since}, pid {holder.pid}" in err or (
            f"pid {holder.pid}" in err and "another ingest is running since" in err)  # a minute may turn
        assert "--wait SECONDS" in err and "Traceback" not in err and err.count("\n") == 1
        assert (processed / "_current.json").read_bytes() == pointer
    finally:
        holder.kill()
        holder.wait()


def test_ingest_with_wait_runs_once_the_other_finishes(tiny: Path) -> None:
    processed = tiny / "data" / "processed"
    processed.mkdir(parents=True, exist_ok=True)
    holder = hold_in_another_process(processed / LOCK, 2)
    try:
        started = time.monotonic()
        report = run(tiny, wait=60)
        assert time.monotonic() - started >= 1.0 and not report.skipped
        with pytest.raises(locks.BusyError, match="waited 0.5 s"):
            with locks.hold(processed / LOCK, "ingest"):
                run(tiny, wait=0.5)
    finally:
        holder.wait()
    assert_consistent(tiny, orders=3)


def test_the_lock_of_a_killed_ingest_never_blocks(tiny: Path) -> None:
    processed = tiny / "data" / "processed"
    processed.mkdir(parents=True, exist_ok=True)
    holder = hold_in_another_process(processed / LOCK, 600)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    started = time.monotonic()
    run(tiny)  # wait=0: would stop at once if the dead process still held the lock
    assert time.monotonic() - started < 30
    assert_consistent(tiny, orders=3)


@pytest.mark.slow
def test_two_forced_ingests_at_once_never_crash(tiny: Path) -> None:
    """Issue #15: two concurrent `storebook ingest --force` crashed one run in 3 of 5 trials
    (FileNotFoundError .staging/…, DuckDB "No magic bytes" on a cache file)."""
    run(tiny)
    command = [str(Path(sys.executable).parent / "storebook"), "ingest", "--force"]
    env = {**os.environ, "STOREBOOK_ROOT": str(tiny), "STOREBOOK_HASH_KEY": TEST_KEY,
           "PYTHONPATH": os.pathsep.join([str(LIB), os.environ.get("PYTHONPATH", "")])}
    for extra in ([], ["--wait", "120"]):
        procs = [subprocess.Popen(command + extra, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
        # The loser is told who holds the lock ("… since 10:02, pid 1234"), or, when it comes in the
        # instant between the winner taking the lock and writing who it is, the lock's own words
        # for that moment (storebook.engine.locks._describe_holder).
        busy = ("another ingest is running since", "another ingest is running (it has just started and not yet said")
        for code, err in results:
            assert "Traceback" not in err and "No magic bytes" not in err, err
            assert code == 0 or (code == 2 and any(b in err for b in busy) and not extra), err
        assert any(code == 0 for code, _ in results)
        assert_consistent(tiny, orders=3)
        assert leftovers(tiny) == []
