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


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_clean_filter_runs_only_for_files_that_differ_as_committed(tmp_path: Path) -> None:
    """In a fresh clone git cannot trust the files' stat data and hashes each again through
    its clean filter: nbstripout's took ~2.5 s a notebook, and every report of a fresh clone
    waited out `git status`'s 20 s timeout. The filter runs only for a file that differs as it
    is; what it makes the same (here: trailing blanks, as nbstripout strips outputs) is clean."""
    ran = tmp_path / "filter-ran.log"
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "filter.strip.clean", f"tee -a {ran} | sed 's/ *$//'")
    (tmp_path / ".gitattributes").write_text("*.txt filter=strip\n")
    (tmp_path / "a.txt").write_text("one\n")
    (tmp_path / "b.txt").write_text("two\n")
    _git(tmp_path, "add", ".gitattributes", "a.txt", "b.txt")
    _git(tmp_path, "commit", "-qm", "one")
    head = _git(tmp_path, "rev-parse", "HEAD")
    ran.unlink()
    for name in ("a.txt", "b.txt"):  # same content, another stat: git must read them again
        os.utime(tmp_path / name, (1_000_000_000, 1_000_000_000))
    assert code_revision(tmp_path) == head
    assert not ran.exists()  # the unchanged files were compared as they are
    (tmp_path / "a.txt").write_text("one   \n")
    assert code_revision(tmp_path) == head  # the filter makes it the committed file
    assert ran.read_text() == "one   \n"  # and it ran for that file alone
    (tmp_path / "b.txt").write_text("three\n")
    assert code_revision(tmp_path) == f"{head}-dirty"
