"""One run at a time where two would collide, and the named steps where a run may be stopped.

``storebook ingest`` holds one lock per store (``data/processed/.ingest.lock``) and
``storebook report`` one per month and language (``outputs/.locks/2026-10-en.lock``), for
the whole run. A second run does not wait by default: it stops at once with a message
naming the run that holds the lock ("another ingest is running since 10:02, pid 1234");
``--wait SECONDS`` makes it wait up to that long first (docs/storage.md).

The lock is the operating system's (``flock``, through the ``filelock`` package): the kernel
releases it when its process ends, however it ends, so the lock of a killed run never
blocks the next one. Who holds a lock is written beside it (``<lock>.json``) for the
message only; the lock itself never depends on that file.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from storebook.errors import Said, StorebookError


class BusyError(StorebookError):
    """Another run holds the lock this run needs; nothing was changed."""


def reached(step: str) -> None:
    """Mark a named step of a swap (``staged``, ``published``, ``pack-old-moved`` …).

    Does nothing: the steps are where the tests stop a run (they replace this function
    with one that raises or kills the process at a step) to show that a run stopped at
    any of them leaves a store that reads and a pack that is whole.
    """


def _holder_path(lock: Path) -> Path:
    return lock.with_name(lock.name + ".json")


def _describe_holder(lock: Path, what: str, said: Said | str) -> tuple[str, Said]:
    """"another ingest is running since 10:02, pid 1234", from what the holder wrote; and the
    same as a :class:`Said` (``said`` is ``what`` in the catalogue's words)."""
    try:
        info = json.loads(_holder_path(lock).read_text(encoding="utf-8"))
        started = datetime.fromisoformat(info["started_at"])
        pid = int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return (f"another {what} is running (it has just started and not yet said which process it is)",
                Said("error.busy.holder.unknown", {"what": said}))
    when = started.strftime("%H:%M") if started.date() == datetime.now().date() else started.strftime("%Y-%m-%d %H:%M")
    host = info.get("host")
    where = f" on {host}" if host and host != socket.gethostname() else ""
    return (f"another {what} is running since {when}, pid {pid}{where}",
            Said("error.busy.holder", {"what": said, "when": when, "pid": str(pid),
                                       "where": Said("error.busy.holder.host", {"host": host}) if where else ""}))


@contextlib.contextmanager
def hold(lock: Path, what: str, wait: float = 0.0, *, said: Said | None = None) -> Iterator[None]:
    """Hold the lock at ``lock`` for the duration of the block.

    Args:
        lock: the lock file (its folder is created when missing).
        what: the run, as the message names it (``ingest``, ``report for 2026-10 (zh)``).
        wait: seconds to wait for another holder to finish; 0 = stop at once.
        said: ``what`` as the message catalogue says it (``error.busy.what.*``), so that the
            message reads in the reader's language (`--lang zh`); without it ``what`` is said as is.
    Raises:
        BusyError: another process still holds the lock after ``wait`` seconds; the
            message names its pid and start time and what to do.
    """
    lock.parent.mkdir(parents=True, exist_ok=True)
    file_lock = FileLock(str(lock))
    try:
        if wait > 0:
            file_lock.acquire(timeout=wait, poll_interval=0.2)
        else:
            file_lock.acquire(blocking=False)
    except Timeout:
        holder, holder_said = _describe_holder(lock, what, said if said is not None else what)
        waited = f" (waited {wait:g} s)" if wait > 0 else ""
        raise BusyError(
            f"{holder}{waited}. Nothing was changed: wait for it to finish, or run again "
            f"with --wait SECONDS to wait for it (the lock is {lock}; the system releases it when that process ends)",
            key="error.busy", values={"holder": holder_said, "lock": str(lock),
                                      "waited": Said("error.busy.waited", {"seconds": f"{wait:g}"}) if waited else ""},
        ) from None
    holder = _holder_path(lock)
    try:
        tmp = holder.with_name(f"{holder.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "what": what,
                                   "started_at": datetime.now().isoformat(timespec="seconds")}), encoding="utf-8")
        os.replace(tmp, holder)
        yield
    finally:
        # Removed while still held, so that it never removes the next holder's record.
        with contextlib.suppress(OSError):
            holder.unlink()
        file_lock.release()
