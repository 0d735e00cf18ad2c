"""Notebooks an analyst can diff: each report notebook is paired (jupytext, py:percent)
with a script beside it that holds the same cells; every notebook is pinned to the one
kernel the pack runs; nbstripout is what `make setup` installs to keep outputs out."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest

from conftest import REPO
from storebook.report.pack import KERNEL_NAME

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def _cells(nb: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source.strip(), sorted(c.metadata.get("tags", []))) for c in nb.cells]


def test_every_report_notebook_is_there() -> None:
    assert len(NOTEBOOKS) >= 12


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_and_its_script_hold_the_same_cells(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    script = path.with_suffix(".py")
    assert nb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent", f"{path.name} is not paired"
    assert script.is_file(), f"{script.name} is missing: run `jupytext --sync {path.relative_to(REPO)}`"
    paired = jupytext.read(script)
    assert _cells(paired) == _cells(nb), f"{script.name} is out of date: run `jupytext --sync notebooks/*.ipynb`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_pinned_to_the_packs_kernel(path: Path) -> None:
    assert nbformat.read(path, as_version=4).metadata["kernelspec"]["name"] == KERNEL_NAME


def test_a_changed_script_is_caught() -> None:
    """The comparison sees a one-character edit (a check that cannot fail proves nothing)."""
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    edited = jupytext.reads(jupytext.writes(nb, fmt="py:percent").replace("storebook", "storeb00k", 1),
                            fmt="py:percent")
    assert _cells(edited) != _cells(nb)


def test_make_setup_installs_the_output_stripping_filter() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "nbstripout --install" in makefile
    assert "nbstripout" in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def test_the_scripts_name_one_jupytext_version() -> None:
    """`jupytext --sync` writes its own version into a script's header: a script synced by
    another jupytext than its neighbours differs from them in that line alone, a diff that
    says nothing. All of them name the one version (session 18 left three at 1.19.7 and the
    others at 1.19.6)."""
    versions = {path.stem: next((line.split(":", 1)[1].strip() for line in path.with_suffix(".py").read_text(
        encoding="utf-8").splitlines()[:12] if line.startswith("#       jupytext_version:")), None)
        for path in NOTEBOOKS}
    assert None not in versions.values(), f"scripts without a jupytext header: {versions}"
    assert len(set(versions.values())) == 1, f"the scripts name several jupytext versions: {versions}"
