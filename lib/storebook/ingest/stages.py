"""Where an ingest's time goes: wall and CPU seconds per stage, kept in ``_ingest.json``.

An ingest of a big store takes a minute or more, and whether it is reading files, parsing
them or sorting the tables decides what to do about it (a bigger machine, fewer files to
parse, a memory cap). Each stage records its wall seconds and the CPU seconds of this
process (all its threads); the parse stage also records the CPU seconds of its worker
processes, which the operating system reports for children once they have exited.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Stages:
    """Wall and CPU seconds of named stages, in the order they ran."""

    def __init__(self) -> None:
        self._seconds: dict[str, dict[str, float]] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as stage ``name`` (a stage entered twice adds up).

        Args:
            name: what the block does, as ``_ingest.json`` names it.
        """
        wall, cpu, workers = time.perf_counter(), time.process_time(), _children_cpu()
        try:
            yield
        finally:
            entry = self._seconds.setdefault(name, {"wall": 0.0, "cpu": 0.0})
            entry["wall"] += time.perf_counter() - wall
            entry["cpu"] += time.process_time() - cpu
            spent = _children_cpu() - workers
            if spent > 0:
                entry["workers_cpu"] = entry.get("workers_cpu", 0.0) + spent

    def as_dict(self) -> dict[str, dict[str, float]]:
        """The stages for ``_ingest.json``: {name: {"wall", "cpu"[, "workers_cpu"]}}, rounded to 10 ms.

        Returns:
            A new dict; the recorder keeps counting.
        """
        return {name: {k: round(v, 2) for k, v in entry.items()} for name, entry in self._seconds.items()}
