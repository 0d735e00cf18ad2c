"""Parsing raw files in worker processes, each taking the next file as soon as it is done.

The parent plans each file (hashes it, names its parse cache, decides whether it needs a
parse) in a thread of its own, largest file first, while the workers parse the files already
planned: hashing 2.7 GB of exports no longer has to end before the first parse starts.
Each worker asks for the next file when it has finished one, so the workers finish together
whatever each file costs (a Shopify export costs several times more per byte than a
canonical one, which a split by size decided in advance did not know).

The workers are fresh interpreters running :func:`main`, not multiprocessing's "spawn"
children: those re-run the caller's ``__main__``, which breaks any script that calls
ingest() without an ``if __name__ == "__main__"`` guard; and "fork" is unsafe in a process
that already runs DuckDB or Arrow threads (a notebook kernel).
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from storebook.errors import InputError

#: Below this many bytes to parse, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 32 << 20


def main() -> None:
    """A parse worker: reads the pickled config, then one pickled job at a time from stdin
    (None: stop), and answers each with a pickled (path, seconds, error) on stdout. An
    InputError travels as (class, fields): its keyword arguments do not survive pickling
    as an exception."""
    import pyarrow

    from storebook.ingest.perfile import _parse_to_cache
    from storebook.ingest.sources import registry

    # One Arrow thread per worker: there is a worker per core, each parsing a file, so Arrow's
    # own threads (its CSV reader, to_pandas) only contend with the other worker's, and cost
    # more CPU than they save (a 70 MB orders file: 0.32 CPU-s to read on two threads, 0.14
    # on one). The rows are the same: Arrow keeps the order of a file's rows on any threads.
    pyarrow.set_cpu_count(1)
    source, out = sys.stdin.buffer, sys.stdout.buffer
    sources = registry(pickle.load(source))
    while (job := pickle.load(source)) is not None:
        try:
            result = (job[0], _parse_to_cache(*job, sources), None)
        except InputError as exc:
            result = (job[0], 0.0, (type(exc), {"path": exc.path, "problem": exc.problem, "row": exc.row,
                                                "column": exc.column, "expected": exc.expected, "todo": exc.todo,
                                                "key": exc.key, "values": exc.values}))
        pickle.dump(result, out)
        out.flush()


def parse_files(files: list[Path], plan: Callable[[Path], tuple | None], parse: Callable[[tuple], float],
                config, progress: Callable[[str], None] | None, label: Callable[[Path], str],  # noqa: ANN001
                ) -> tuple[dict[Path, float], dict[Path, InputError]]:
    """Plan every file and parse those that need it: in one worker process per core when
    there is enough to parse (parsing is CPU-bound pandas, so threads would not help); else here.

    Args:
        files: the raw files, in file order.
        plan: a file → its parse job, or None when its parse is cached (may hash the file).
        parse: parses one job in this process, returning its seconds (the serial path).
        config: the workbook configuration, pickled to each worker.
        progress: called with a short status line per parsed file.
        label: how a message names a file.
    Returns:
        (seconds per parsed file, the InputError of each file that cannot be read).
    """
    seconds: dict[Path, float] = {}
    failures: dict[Path, InputError] = {}
    n_workers = min(os.cpu_count() or 1, len(files))
    if n_workers < 2 or sum(p.stat().st_size for p in files) < PARALLEL_MIN_BYTES:
        jobs = [job for job in map(plan, files) if job is not None]
        for i, job in enumerate(jobs, 1):
            if progress:
                progress(f"[{i}/{len(jobs)}] {job[2]}")
            try:
                seconds[job[0]] = parse(job)
            except InputError as exc:
                failures[job[0]] = exc
        return seconds, failures

    ready: queue.Queue = queue.Queue()
    planned, done, lock = [0], [0], threading.Lock()
    plan_errors: list[BaseException] = []

    def produce() -> None:  # largest first: the last files to start are the quick ones
        try:
            for path in sorted(files, key=lambda p: -p.stat().st_size):
                job = plan(path)
                if job is not None:
                    with lock:
                        planned[0] += 1
                    ready.put(job)
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            plan_errors.append(exc)
        finally:
            for _ in range(n_workers):
                ready.put(None)

    package_dir = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_dir, os.environ.get("PYTHONPATH")]))}
    procs: list[subprocess.Popen] = []

    def feed() -> None:  # one worker: started on its first job, fed one job at a time
        proc = None
        while (job := ready.get()) is not None:
            if proc is None:
                proc = subprocess.Popen([sys.executable, "-c", "from storebook.ingest.workers import main; main()"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
                with lock:
                    procs.append(proc)
                pickle.dump(config, proc.stdin)
            try:
                pickle.dump(job, proc.stdin)
                proc.stdin.flush()
                path, secs, error = pickle.load(proc.stdout)
            except (OSError, EOFError, pickle.UnpicklingError):  # it crashed: its exit code says so
                return
            with lock:
                done[0] += 1
                if progress:
                    progress(f"[{done[0]}/{planned[0]}] {label(path)}")
                if error is None:
                    seconds[path] = secs
                else:
                    cls, fields = error
                    failures[path] = cls(fields.pop("path"), fields.pop("problem"), **fields)
        if proc is not None:
            try:
                pickle.dump(None, proc.stdin)
                proc.stdin.close()
            except OSError:
                pass

    threads = [threading.Thread(target=produce, daemon=True)] + [
        threading.Thread(target=feed, daemon=True) for _ in range(n_workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for proc in procs:
        if proc.wait() != 0:
            raise RuntimeError(f"an ingest worker failed (exit code {proc.returncode}); its error is above")
    if plan_errors:
        raise plan_errors[0]
    return seconds, failures
