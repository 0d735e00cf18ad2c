"""How the ``storebook`` command's process ends (storebook.cli.run): a report's process skips
Python's teardown of its modules, after its exit handlers have run and its output is out."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO

#: A ``storebook`` command run as the console script runs it, with three witnesses: an exit
#: handler (must run), an object collected only by the teardown (its ``__del__`` runs only
#: when the teardown does) and, when asked, a thread that is not a daemon and writes last.
_SCRIPT = textwrap.dedent("""
    import atexit, pathlib, sys, threading, time
    from storebook import cli
    out = pathlib.Path(sys.argv[1])
    atexit.register(lambda: (out / "atexit").write_text("ran"))

    class Witness:  # holds what it needs: the teardown may have emptied this module first
        def __init__(self, write):
            self.write = write

        def __del__(self):
            self.write("ran")

    witness = Witness((out / "teardown").write_text)
    if sys.argv[2] == "thread":  # still running when the command has finished
        finished = threading.Event()
        command = cli._run_command
        cli._run_command = lambda args: (command(args), finished.set())[0]
        threading.Thread(target=lambda: (finished.wait(), time.sleep(0.3), (out / "thread").write_text("ran"))).start()
    sys.argv = ["storebook", *sys.argv[3:]]
    cli.run()
""")


def _storebook(tmp_path: Path, *argv: str, thread: bool = False) -> subprocess.CompletedProcess:
    script = tmp_path / "command.py"
    script.write_text(_SCRIPT, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "STOREBOOK_ROOT": str(tmp_path), "PYTHONPATH": str(REPO / "lib")}
    return subprocess.run([sys.executable, str(script), str(tmp_path), "thread" if thread else "-", *argv],
                          capture_output=True, text=True, env=env, timeout=120)


def test_a_report_process_ends_after_its_exit_handlers_and_output_without_the_teardown(tmp_path: Path) -> None:
    done = _storebook(tmp_path, "report", "--month", "2026-13")
    # The command's own answer: the exit code and its message, flushed before the process ended.
    assert done.returncode == 2, done.stderr
    assert "2026-13" in done.stderr
    assert (tmp_path / "atexit").read_text() == "ran"
    assert not (tmp_path / "teardown").exists()


@pytest.mark.parametrize(("argv", "thread"), [(("report", "--month", "2026-13"), True),
                                             (("dictionary", "--check"), False)])
def test_other_commands_and_a_report_with_a_thread_running_end_as_python_ends(tmp_path: Path, argv: tuple,
                                                                               thread: bool) -> None:
    done = _storebook(tmp_path, *argv, thread=thread)
    assert done.returncode in (0, 1, 2), done.stderr
    assert (tmp_path / "atexit").read_text() == "ran"
    assert (tmp_path / "teardown").read_text() == "ran"
    if thread:  # Python waited for it, as it does for a thread that is not a daemon
        assert (tmp_path / "thread").read_text() == "ran"
