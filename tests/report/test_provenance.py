"""The code revision a pack records, read without writing into the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from storebook.report.provenance import code_revision


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                          env=env).stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_revision_is_read_without_touching_the_index(tmp_path: Path) -> None:
    """`git status` refreshes the index (under .git/index.lock) when a file's stat changed:
    a report killed at the timeout on a loaded machine left the lock, and the analyst's next
    commit failed. The revision is read without optional locks: the index is not written."""
    _git(tmp_path, "init", "-q")
    (tmp_path / "a.txt").write_text("one\n")
    _git(tmp_path, "add", "a.txt")
    _git(tmp_path, "commit", "-qm", "one")
    index = tmp_path / ".git" / "index"
    os.utime(tmp_path / "a.txt", (1_000_000_000, 1_000_000_000))  # same content, another stat
    before = index.stat().st_mtime_ns, index.read_bytes()
    assert code_revision(tmp_path) == _git(tmp_path, "--no-optional-locks", "rev-parse", "HEAD")
    assert (index.stat().st_mtime_ns, index.read_bytes()) == before
    (tmp_path / "a.txt").write_text("two\n")
    assert code_revision(tmp_path).endswith("-dirty")
