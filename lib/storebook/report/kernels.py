"""Report kernels forked from one process that has already imported storebook.

A report notebook's kernel spends its first seconds importing ipykernel, pandas, Ibis,
DuckDB, matplotlib and storebook, and a pack starts one kernel per notebook. Here a
*template* process (``python -m storebook.report.kernels <socket>``) imports all that once;
each kernel of the pack is then an ``os.fork()`` of it that starts an ordinary ipykernel
on the connection file jupyter_client wrote. Nothing else is shared: the template never
runs a cell, opens a workbook or starts a thread (it refuses to fork if a thread exists),
so every notebook still starts from a fresh interpreter state (its parameters, currency,
language, chart style and caches are its own), only with the imports done.

jupyter_client sees an ordinary local kernel: :class:`ForkingKernelManager` gives it a
provisioner whose "process" is the forked kernel (a new session, so an interrupt or a kill
reaches its process group as usual). Its exit status comes from the template, which reaps
it. When the template is not running or a fork fails, the kernel is started the ordinary
way. The template exits when the process that started it goes, and a kernel exits when
the template goes (ipykernel's parent poller).

Usage (what :mod:`storebook.report.pack` does)::

    with kernel_template() as manager_class:
        papermill.execute_notebook(..., kernel_manager_class=manager_class)
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: What the template imports before it forks: everything a report notebook's setup cell and
#: sections import (storebook's short names are added to it). Not matplotlib's inline backend
#: nor pyplot: the backend hooks itself into the kernel's shell when it is first imported,
#: and the template has no shell.
#: ipykernel's kernel and debugger modules are imported when a kernel is created, not by
#: ipykernel.kernelapp: the debugger (debugpy, pydevd: 130 modules, no thread at import) was
#: 0.1 CPU-s and up to 0.5 s of every kernel's start. A pack's kernel is never debugged: the
#: template hides debugpy (:data:`NO_DEBUGGER`), and ipykernel then gives its kernels no
#: debugger (its import was 0.04-0.06 s of the template's, before the first kernel).
#: scipy.special (0.2 CPU-s: the normal and Poisson tails of storebook.measures.stats) is
#: imported by 12 of the 15 pack notebooks.
#: Not pandera (two notebooks) nor scipy.stats or statsmodels (one each): each would cost
#: every pack its import before the first kernel starts. psutil (jupyter_client's local
#: interfaces), sqlite3 (IPython's history), pdb and pyarrow.parquet were imported by every
#: kernel after the fork: 14, 2, 2 and 10 ms each time, 0.4 CPU-s a pack.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger",
           "IPython.core.oinspect", "pandas", "pyarrow", "pyarrow.parquet", "duckdb", "ibis.backends.duckdb",
           "scipy.special", "psutil", "sqlite3", "pdb", "storebook")
#: What the template hides from ipykernel (see PRELOAD): an import of it fails.
NO_DEBUGGER = "debugpy"
#: Modules that must be imported inside the kernel, not before the fork (see PRELOAD).
NOT_PRELOADED = ("matplotlib_inline.backend_inline", "matplotlib.pyplot")
#: The environment variable that turns the template off (``0``): kernels start the usual way.
SWITCH = "STOREBOOK_FORK_KERNELS"
_READY_TIMEOUT_S = 120.0
#: How long the template waits, when the pack ends, for kernels still shutting down.
_EXIT_GRACE_S = 3.0
#: How long a kernel may take to answer its shutdown request before the pack waits for its
#: exit the ordinary way (up to jupyter_client's shutdown_wait_time, then kills it).
_SHUTDOWN_REPLY_S = 5.0


# ----------------------------------------------------------------------------- the template

def serve(path: str, parent: int | None = None) -> int:
    """Listen on the Unix socket ``path``; fork a kernel per request until the parent goes.

    A request is one JSON line {argv, env, cwd}; the reply is the kernel's pid, then, when it
    has exited, ``exit <status>``.

    Args:
        path: the socket's path.
        parent: the pid of the process whose pack this is (default: this process's parent).
    Returns:
        The exit code of the template (0).
    """
    # The pid of the pack's process, as it passed it: had the pack gone before this line, our
    # own parent would already be init, and the template would never see its pack go.
    parent = parent or os.getppid()
    # A pack that ends (or fails) while the imports run stops the template then: it still
    # removes its socket and folder (the pack does not wait for it).
    signal.signal(signal.SIGTERM, _stop)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    kernels: dict[int, socket.socket] = {}
    try:
        listener.bind(path)
        listener.listen(16)  # bound before the imports: a request waits for them instead of failing
        if sys.path and sys.path[0] in ("", os.getcwd()):
            del sys.path[0]  # as ipykernel_launcher does: the kernel's own working folder comes later
        _preload()
        wake_r, wake_w = os.pipe()
        os.set_blocking(wake_w, False)
        signal.set_wakeup_fd(wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        while os.getppid() == parent:
            ready, _, _ = select.select([listener, wake_r], [], [], 0.5)
            if wake_r in ready:
                os.read(wake_r, 512)
            if listener in ready:
                conn, _ = listener.accept()
                pid = _fork_kernel(conn, listener, (wake_r, wake_w), kernels)
                if pid:
                    kernels[pid] = conn
            _reap(kernels)
    finally:
        listener.close()
        _let_kernels_exit(kernels)
        # Its folder too: a pack killed outright (SIGKILL) cannot remove it.
        with contextlib.suppress(OSError):
            os.unlink(path)
            os.rmdir(os.path.dirname(path))
    return 0


def _let_kernels_exit(kernels: dict[int, socket.socket]) -> None:
    """Give the kernels that were asked to shut down time to finish (their exit removes their
    DuckDB spill folders); kill those still running after :data:`_EXIT_GRACE_S`."""
    deadline = time.monotonic() + _EXIT_GRACE_S
    while kernels and time.monotonic() < deadline:
        _reap(kernels)
        if kernels:
            time.sleep(0.02)
    for pid in kernels:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)


def _stop(*_: Any) -> None:
    raise SystemExit(0)


def _preload() -> None:
    """Import what every report kernel imports, with the environment ipykernel will set."""
    import importlib

    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    sys.modules[NO_DEBUGGER] = None  # type: ignore[assignment]  # None in sys.modules: its import raises ImportError
    for name in PRELOAD:
        importlib.import_module(name)
    import storebook

    for name in storebook.SHORT_NAMES:
        getattr(storebook, name)
    _warm_up()
    early = [m for m in NOT_PRELOADED if m in sys.modules]
    if early:  # a kernel forked from here would not show pyplot's figures
        raise RuntimeError(f"the kernel template imported {', '.join(early)}; it must not")


def _warm_up() -> None:
    """Fill the caches a kernel's first query fills (Ibis's rewrite rules, sqlglot's DuckDB
    dialect: 0.2 CPU-s): an expression compiled to SQL without any connection, which would
    start DuckDB's threads. Nothing a notebook can see changes."""
    import ibis

    t = ibis.table({"d": "date", "at": "timestamp", "p": "string", "n": "int64", "x": "float64"}, name="t")
    month = t.filter((t.d >= ibis.date(2026, 1, 1)) & (t.at < ibis.timestamp("2026-02-01")) & t.p.isin(["a"]))
    ibis.to_sql(month.group_by("p", day=month.at.date()).aggregate(n=month.n.sum(), x=month.x.mean(),
                                                                  k=month.p.nunique()).order_by("p"),
                dialect="duckdb")


def _fork_kernel(conn: socket.socket, listener: socket.socket, wake: tuple[int, int],
                 kernels: dict[int, socket.socket]) -> int | None:
    """Fork one kernel for the request on ``conn``; its pid (None when the request was refused)."""
    try:
        request = json.loads(conn.makefile("r").readline())
    except (OSError, ValueError):
        conn.close()
        return None
    if threading.active_count() > 1:  # forking a process with threads could deadlock the child
        conn.sendall(b"refused: the template has threads\n")
        conn.close()
        return None
    pid = os.fork()
    if pid == 0:  # the kernel
        code = 1
        try:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            for fd in wake:
                os.close(fd)
            listener.close()
            for other in kernels.values():
                other.close()
            conn.close()
            code = _run_kernel(request)
        finally:
            # Not sys.exit: that would unwind into the template's own loop in this copy of it.
            import atexit

            with contextlib.suppress(BaseException):
                atexit._run_exitfuncs()
                sys.__stdout__.flush()
                sys.__stderr__.flush()
            os._exit(code)
    conn.sendall(f"{pid}\n".encode())
    return pid


def _run_kernel(request: dict[str, Any]) -> int:
    """In the forked child: become an ordinary ipykernel for the request's connection file."""
    os.setsid()  # its own process group: jupyter_client interrupts and kills the group
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    template = os.getppid()
    os.environ.clear()
    os.environ.update(request["env"])
    # The kernel goes when the template goes (ipykernel polls its parent).
    os.environ["JPY_PARENT_PID"] = str(template)
    os.chdir(request["cwd"])
    # ipykernel read JPY_PARENT_PID when the template imported it: say it again.
    argv = [*request["argv"], f"--IPKernelApp.parent_handle={template}"]
    sys.argv = ["ipykernel_launcher", *argv]
    from ipykernel.kernelapp import IPKernelApp

    try:
        IPKernelApp.launch_instance(argv=argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    return 0


def _reap(kernels: dict[int, socket.socket]) -> None:
    """Collect exited kernels and tell whoever started each how it ended."""
    while kernels:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = kernels.pop(pid, None)
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
            conn.close()


# ----------------------------------------------------------------------------- the pack's side

class _ForkedProcess:
    """What jupyter_client's local provisioner needs of a ``Popen``, for a forked kernel."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, conn: socket.socket) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._conn = conn
        self._buffer = b""

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self._conn], [], [], 0)[0]:
            chunk = self._conn.recv(256)
            self._buffer += chunk
            if b"\n" in self._buffer or not chunk:
                line = self._buffer.decode(errors="replace").strip()
                # No line at all: the template itself went, and the kernel with it.
                self.returncode = int(line.split()[1]) if line.startswith("exit ") else -signal.SIGKILL
                self._conn.close()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
            time.sleep(0.05)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _connect(path: str, template: subprocess.Popen) -> socket.socket | None:
    """A connection to the template, once it listens (it imports storebook first); None if it died."""
    deadline = time.monotonic() + _READY_TIMEOUT_S
    while time.monotonic() < deadline and template.poll() is None:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            conn.connect(path)
            return conn
        except (FileNotFoundError, ConnectionRefusedError):
            conn.close()
            time.sleep(0.02)
    return None


def _request_fork(path: str, template: subprocess.Popen, argv: list[str], env: dict[str, str],
                  cwd: str) -> _ForkedProcess | None:
    """Ask the template at ``path`` for a kernel; None when it cannot give one."""
    conn = _connect(path, template)
    if conn is None:
        return None
    conn.settimeout(_READY_TIMEOUT_S)
    try:
        conn.sendall((json.dumps({"argv": argv, "env": env, "cwd": cwd}) + "\n").encode())
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = conn.recv(64)
            if not chunk:
                break
            reply += chunk
        pid = int(reply.decode().strip())
    except (OSError, ValueError):
        conn.close()
        return None
    conn.settimeout(None)
    return _ForkedProcess(pid, conn)


def _manager_class(path: str, template: subprocess.Popen) -> type:
    """A kernel manager class whose kernels are forks of the template listening at ``path``."""
    from jupyter_client import AsyncKernelManager
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.provisioning import LocalProvisioner
    from traitlets import default

    class ForkProvisioner(LocalProvisioner):
        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
            # Only the python3 kernel of this interpreter can be a fork of the template.
            if cmd[1:3] == ["-m", "ipykernel_launcher"] and Path(cmd[0]).resolve() == Path(sys.executable).resolve():
                process = _request_fork(path, template, cmd[3:], dict(kwargs.get("env") or os.environ),
                                        str(kwargs.get("cwd") or os.getcwd()))
                if process is not None:
                    self.process, self.pid, self.pgid = process, process.pid, process.pid
                    self.cwd = kwargs.get("cwd", os.getcwd())
                    return self.connection_info
            return await super().launch_kernel(cmd, **kwargs)

    class ForkedKernelClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            """As jupyter_client's, without its last 0.2 s spent waiting for IOPub to fall silent."""
            await _wait_for_ready(self, timeout)

    class ForkingKernelManager(AsyncKernelManager):
        @default("client_factory")
        def _client_factory_default(self) -> type:
            return ForkedKernelClient

        async def _async_pre_start_kernel(self, **kw: Any) -> Any:
            if self.provisioner is None:
                self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or _new_id()
                self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
            return await super()._async_pre_start_kernel(**kw)

        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client interrupts a kernel before it asks it to shut down. A pack's kernel
            # is idle by then (its notebook is over; a deadline interrupts it before), and a
            # SIGINT landing while it handled a message printed "[IPKernelApp] ERROR |
            # KeyboardInterrupt caught in kernel." on the pack's terminal, for a third of the
            # notebooks. The shutdown request still goes, and a kill if it is not answered.
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

        async def _async_finish_shutdown(self, waittime: float | None = None, pollinterval: float = 0.1,
                                         restart: bool = False) -> None:
            # A forked kernel that has answered its shutdown request finishes on its own (its
            # exit removes its spill folder; the template reaps it and, at the pack's end,
            # waits for it): the pack's next notebook need not wait the 0.2-0.4 s of its exit.
            if not restart and isinstance(getattr(self.provisioner, "process", None), _ForkedProcess) \
                    and await _shutdown_answered(self._control_socket):
                return
            await super()._async_finish_shutdown(waittime=waittime, pollinterval=pollinterval, restart=restart)

    return ForkingKernelManager


async def _wait_for_ready(client: Any, timeout: float | None) -> None:
    """Wait until the kernel answers kernel_info on the shell channel and publishes on IOPub.

    jupyter_client's own wait then reads IOPub until it has been silent for 0.2 s: a fixed
    0.2 s of every kernel's start. Messages left on IOPub are the kernel_info requests'
    busy/idle; nbclient reads only the messages of the requests it sent, so here they are
    taken only as far as they have arrived.

    Raises:
        RuntimeError: the kernel died, or did not answer within ``timeout`` seconds.
    """
    from queue import Empty

    deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
    while True:
        client.kernel_info()
        try:
            reply = await client.shell_channel.get_msg(timeout=1)
        except Empty:
            reply = None
        if reply is not None and reply["msg_type"] == "kernel_info_reply":
            try:  # IOPub is connected once the kernel's status reaches it
                await client.iopub_channel.get_msg(timeout=0.2)
            except Empty:
                pass
            else:
                client._handle_kernel_info_reply(reply)
                break
        if not await client.is_alive():
            raise RuntimeError("Kernel died before replying to kernel_info")
        if time.monotonic() > deadline:
            raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
    while await client.iopub_channel.msg_ready():
        await client.iopub_channel.get_msg(timeout=0)


async def _shutdown_answered(control: Any) -> bool:
    """True once the kernel has replied on ``control`` (the manager's control socket, where the
    shutdown request went): it has the request and shuts down; False when it does not answer."""
    import asyncio

    import zmq

    if control is None:
        return False
    try:
        await asyncio.wait_for(control.recv_multipart(), timeout=_SHUTDOWN_REPLY_S)
    except (TimeoutError, zmq.ZMQError):
        return False
    return True


def _new_id() -> str:
    import uuid

    return str(uuid.uuid4())


@contextlib.contextmanager
def kernel_template(enabled: bool | None = None) -> Iterator[type | None]:
    """Run the template for the duration of a pack; yields the kernel manager class to use
    (None when forking is off: ``STOREBOOK_FORK_KERNELS=0``, or not on a POSIX system).

    Args:
        enabled: force on or off; None = on unless the environment says ``0``.
    """
    if enabled is None:
        enabled = os.environ.get(SWITCH, "1") != "0"
    if not enabled or not hasattr(os, "fork"):
        yield None
        return
    folder, path, process = _EARLY.pop() if _EARLY else _launch()
    try:
        yield _manager_class(path, process)
    finally:
        process.terminate()
        # The template lets the last kernels finish their exit (0.3-0.7 s: their spill folders),
        # removes its socket and folder, and exits: the pack need not wait for that. A thread
        # reaps it in a process that goes on (a notebook server, the tests); a command exits.
        threading.Thread(target=_reap_template, args=(process, folder), name="kernel-template-reaper",
                         daemon=True).start()


#: A template started ahead by :func:`start_template`, for this process's next pack.
_EARLY: list[tuple[Path, str, subprocess.Popen]] = []


def start_template() -> None:
    """Start the kernels' template now, for the next :func:`kernel_template` of this process.

    ``storebook report`` calls it before it imports the pack's code and plans: the template's
    imports (2-3 CPU-s) then run beside them instead of after. A template nobody adopts exits
    with this process.
    """
    if _EARLY or os.environ.get(SWITCH, "1") == "0" or not hasattr(os, "fork"):
        return
    _EARLY.append(_launch())
    atexit.register(_stop_early)


def _launch() -> tuple[Path, str, subprocess.Popen]:
    folder = Path(tempfile.mkdtemp(prefix="storebook-kernels-"))
    path = str(folder / "template.sock")
    process = subprocess.Popen([sys.executable, "-m", "storebook.report.kernels", path, str(os.getpid())],
                               stdin=subprocess.DEVNULL, start_new_session=True)
    return folder, path, process


def _stop_early() -> None:
    while _EARLY:
        folder, _, process = _EARLY.pop()
        process.terminate()
        _reap_template(process, folder)


def _reap_template(process: subprocess.Popen, folder: Path) -> None:
    """Wait for a template that was told to stop; kill it if it does not; remove what it left."""
    try:
        process.wait(timeout=_EXIT_GRACE_S + 5)  # it waits for kernels still shutting down
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None))
