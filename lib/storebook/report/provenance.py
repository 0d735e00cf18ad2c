"""The pack's provenance: the code revision, the package versions and ``run.json``."""

from __future__ import annotations

import datetime as dt
import json
import platform as _platform
import subprocess
from collections.abc import Mapping
from dataclasses import asdict
from importlib import metadata
from pathlib import Path
from typing import Any

from storebook.report.plan import ReportPlan, ReportRun

#: Packages whose versions go into run.json.
PROVENANCE_PACKAGES = (
    "storebook", "pandas", "numpy", "pyarrow", "duckdb", "ibis-framework", "matplotlib",
    "seaborn", "papermill", "nbconvert", "nbclient", "ipykernel", "jinja2", "pypdf",
)


def write_run_json(path: Path, plan: ReportPlan, context: Mapping[str, Any], reports: list[ReportRun],
                   started: dt.datetime, finished: dt.datetime, files: Mapping[str, Any] | None = None) -> None:
    """Write the pack's ``run.json``: the request, the data and code it was made from, the
    package versions, the PDFs and every notebook's run record.

    Args:
        path: where to write it (in the pack's folder).
        plan: the run's plan.
        context: the header context (store, code revision …).
        reports: every report of the pack, in pack order.
        started, finished: when the run began and ended.
        files: the pack's PDFs where printed.
    """
    record = {
        "month": plan.month,
        "status": "ok" if all(r.ok for r in reports) else "failed",
        "parameters": {
            "month": plan.month, "platforms": plan.platforms, "lang": plan.lang, "jobs": plan.jobs,
            "only": [n for n in plan.notebooks] if len(plan.notebooks) < len(plan.pack) else None,
            "out": str(plan.out_root), "notebook_parameters": plan.parameters,
        },
        "platforms": plan.resolved_platforms,
        "platforms_with_data": plan.present_platforms,
        "month_coverage": plan.month_info,
        "store": context["store"],
        "code_revision": context["revision"],
        "data_fingerprint": plan.fingerprint,
        "data_ingested_at": plan.ingested_at,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 2),
        "versions": package_versions(),
        "pdf": dict(files) if files else None,
        "notebooks": {
            r.name: {k: v for k, v in asdict(r).items() if k not in ("cells_done", "cells_total")}
            for r in reports
        },
    }
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def code_revision(path: Path) -> str:
    """``git rev-parse HEAD`` of the checkout holding ``path``, ``-dirty`` if it has changes.

    Args:
        path: a folder inside the checkout (the notebooks' folder).
    Returns:
        The commit id (plus ``-dirty``), or ``unknown`` outside git.
    """
    def git(*args: str, stdin: str | None = None) -> str:
        # --no-optional-locks: `git status` refreshes the index under .git/index.lock; killed at
        # the timeout (a loaded machine), it left the lock behind and the user's next
        # `git add`/`commit` in the checkout failed ("index.lock: File exists").
        return subprocess.run(["git", "--no-optional-locks", "-C", str(path), *args], capture_output=True,
                              text=True, timeout=20, check=True, input=stdin).stdout
    try:
        head = git("rev-parse", "HEAD").strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    try:
        changed = _changed_as_committed(git)
        # A file that differs as committed may be the same once git's clean filter has run (a
        # notebook saved with its outputs, which nbstripout strips): its filtered content is
        # compared with the commit's. (`git status` calls a file of another size changed
        # without reading it, and `git diff` reads every file again, through the filters.)
        # Any other change (a file added, deleted, untracked) is a change as it stands.
        modified = [p for code, p in changed if code.strip() == "M"]
        dirty = len(modified) < len(changed) or (bool(modified) and _differ_once_filtered(git, modified))
    except (OSError, subprocess.SubprocessError):
        # A slow `git status` on a loaded machine (it walks the whole tree) must not lose the
        # commit id, which is the provenance that matters: keep it, clean or not unknown.
        dirty = False
    return f"{head}-dirty" if dirty else head


def _changed_as_committed(git) -> list[tuple[str, str]]:  # noqa: ANN001 - code_revision's runner
    """The (status code, path) pairs `git status` lists, every file compared as it is (no clean
    filter).

    A fresh clone's files are as new as its index, so git cannot trust their stat data and
    hashes each again, through its clean filter: with nbstripout (`make` installs it) that is
    ~2.5 CPU-s a notebook, and `git status` outran its timeout on every report of a fresh
    clone (20 s lost a pack). Read as committed, the files need no filter.
    """
    try:
        filters = git("config", "--get-regexp", r"^filter\..*\.clean$").splitlines()
    except subprocess.CalledProcessError:  # exit 1: no clean filter is set
        filters = []
    plain = [arg for line in filters for arg in ("-c", f"{line.split(' ', 1)[0]}=cat")]
    listing = git(*plain, "status", "--porcelain", "--no-renames", "-z")
    return [(entry[:2], entry[3:]) for entry in listing.split("\0") if entry]


def _differ_once_filtered(git, paths: list[str]) -> bool:  # noqa: ANN001 - code_revision's runner
    """Whether any of ``paths`` (from the checkout's top), hashed through its clean filter as
    `git add` would, differs from the blob HEAD holds."""
    top = git("rev-parse", "--show-cdup").strip()
    now = git("-C", top or ".", "hash-object", "--stdin-paths", stdin="\n".join(paths)).split()
    committed = git("rev-parse", *(f"HEAD:{p}" for p in paths)).split()
    return now != committed


def package_versions() -> dict[str, str]:
    """Python and the versions of the packages that shape a report."""
    versions = {"python": _platform.python_version()}
    for name in PROVENANCE_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions
