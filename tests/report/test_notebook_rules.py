"""The house rules of the report notebooks, checked statically (fast: `make lint` runs it).

For every notebook of the report pack (``[report] pack`` in storebook.toml): committed
without outputs, kernelspec python3, an ``analyst`` note first and every Markdown cell
tagged ``analyst`` (report-facing text comes from the catalogue), a ``parameters`` cell
with literal defaults papermill can read, the page opened with ``storebook.report.page.start``,
no ``def``/``class``/``lambda``/SQL/file path in a code cell, no report-facing string literal
(every string is a key), every catalogue key it names exists, chart titles come from the
catalogue, and the headline is recorded.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from conftest import REPO
from storebook.engine.config import Config
from storebook.report.text import CATALOGUE

PACK = Config.load(REPO).report_pack
PARAMETERS = {"month": None, "platforms": None, "data_path": None, "language": "en"}
#: A string literal in a code cell may only be a key: lower-case words, digits, dots,
#: underscores and dashes (``traffic.daily``, ``visitors``, ``2026-09``).
KEY_LIKE = re.compile(r"^[a-z0-9_.\-]*$")
SQL = re.compile(r"\b(select|insert|update|delete)\b.+\bfrom\b|\bfrom\b\s+\w+\s+\bwhere\b", re.I | re.S)
#: Page methods whose first argument is a catalogue key.
KEYED_METHODS = {"section", "takeaway", "t"}


def notebook_path(name: str) -> Path:
    return REPO / "notebooks" / f"{name}.ipynb"


def load(name: str) -> nbformat.NotebookNode:
    return nbformat.read(notebook_path(name), as_version=4)


def code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def parameters_cell(nb):
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "exactly one cell must be tagged `parameters`"
    return cells[0]


def body_cells(nb) -> list:
    """Code cells after the parameters cell."""
    return [c for c in code_cells(nb) if "parameters" not in c.metadata.get("tags", [])]


def _dotted(node: ast.AST) -> str:
    """``storebook.report.plots.daily_trend`` for an attribute chain, "" otherwise."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def test_the_pack_lists_this_issues_notebooks() -> None:
    assert {"traffic", "conversion"} <= set(PACK)


@pytest.mark.parametrize("name", PACK)
def test_notebook_is_committed_clean(name: str) -> None:
    path = notebook_path(name)
    assert path.is_file(), f"{path} is listed in [report] pack but missing"
    nb = load(name)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in code_cells(nb):
        assert cell.outputs == [], f"{name}: a code cell has stored outputs"
        assert cell.execution_count is None, f"{name}: a code cell has an execution count"


@pytest.mark.parametrize("name", PACK)
def test_markdown_is_for_the_analyst_only(name: str) -> None:
    nb = load(name)
    assert nb.cells[0].cell_type == "markdown" and "analyst" in nb.cells[0].metadata.get("tags", [])
    untagged = [c.source[:60] for c in nb.cells if c.cell_type == "markdown"
                and "analyst" not in c.metadata.get("tags", [])]
    assert untagged == [], "report-facing text must come from the catalogue (page.section / page.takeaway)"


@pytest.mark.parametrize("name", PACK)
def test_parameters_cell_has_literal_defaults_papermill_can_read(name: str) -> None:
    cell = parameters_cell(load(name))
    tree = ast.parse(cell.source)
    values = {}
    for stmt in tree.body:
        assert isinstance(stmt, ast.Assign) and len(stmt.targets) == 1, "only plain assignments"
        values[stmt.targets[0].id] = ast.literal_eval(stmt.value)
    assert values == PARAMETERS
    inspected = papermill.inspect_notebook(str(notebook_path(name)))
    assert set(inspected) == set(PARAMETERS), "papermill must read every parameter (no '=' in a comment)"


@pytest.mark.parametrize("name", PACK)
def test_page_is_opened_with_start(name: str) -> None:
    first = body_cells(load(name))[0]
    calls = [n for n in ast.walk(ast.parse(first.source)) if isinstance(n, ast.Call)
             and _dotted(n.func) == "storebook.notebook.start"]
    assert len(calls) == 1
    call = calls[0]
    assert isinstance(call.args[0], ast.Constant) and call.args[0].value == name
    assert {k.arg: k.value.id for k in call.keywords} == {p: p for p in PARAMETERS}


@pytest.mark.parametrize("name", PACK)
def test_code_cells_hold_no_logic_sql_paths_or_report_strings(name: str) -> None:
    for cell in body_cells(load(name)):
        assert not cell.source.lstrip().startswith(("%", "!")), "no magics or shell commands"
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda), \
                f"{name}: no def, class or lambda in a report notebook — move it to lib/storebook"
            assert not isinstance(node, ast.JoinedStr), f"{name}: no f-string (text comes from the catalogue)"
            if isinstance(node, ast.Call):
                assert _dotted(node.func) not in {"open", "Path", "pathlib.Path", "pd.read_csv", "pd.read_parquet"}, \
                    f"{name}: no file access in a report notebook"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert KEY_LIKE.match(node.value), f"{name}: report-facing string literal {node.value!r}"
                assert not SQL.search(node.value), f"{name}: SQL in a notebook"


@pytest.mark.parametrize("name", PACK)
def test_catalogue_keys_exist_and_titles_come_from_the_catalogue(name: str) -> None:
    sections = []
    for cell in body_cells(load(name)):
        for node in ast.walk(ast.parse(cell.source)):
            if not isinstance(node, ast.Call):
                continue
            func = _dotted(node.func)
            if func.startswith("page.") and func.split(".")[-1] in KEYED_METHODS:
                key = node.args[0]
                assert isinstance(key, ast.Constant), f"{func}: give the catalogue key literally"
                assert key.value in CATALOGUE, f"{name}: '{key.value}' is not in the text catalogue"
                assert key.value.startswith(f"{name}."), f"{name}: key '{key.value}' belongs to another area"
                if func == "page.section":
                    sections.append(key.value)
            if func.startswith("storebook.plots."):
                titles = [k.value for k in node.keywords if k.arg == "title"]
                assert titles, f"{name}: {func} needs a title stating the finding"
                for title in titles:
                    assert isinstance(title, ast.Call) and _dotted(title.func) == "page.t", \
                        f"{name}: a chart title must come from page.t(<catalogue key>, ...)"
    assert len(sections) >= 4 and len(set(sections)) == len(sections)


@pytest.mark.parametrize("name", PACK)
def test_table_columns_have_catalogue_headers(name: str) -> None:
    from storebook.report.tables import header
    from storebook.report.text import Text

    untranslated = set()
    for cell in body_cells(load(name)):
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and _dotted(node.func).startswith("storebook.tables."):
                for kw in node.keywords:
                    if kw.arg in ("columns", "counts", "index") and isinstance(kw.value, ast.List | ast.Tuple):
                        names = [e.value for e in kw.value.elts if isinstance(e, ast.Constant)]
                    elif kw.arg in ("index", "values") and isinstance(kw.value, ast.Constant):
                        names = [kw.value.value]
                    else:
                        continue
                    untranslated |= {c for c in names for lang in ("en", "zh") if header(c, Text(lang)) == c}
    assert sorted(untranslated) == [], f"{name}: columns without a header in the catalogue (col.<name>)"


@pytest.mark.parametrize("name", PACK)
def test_headline_is_recorded_and_the_page_finished(name: str) -> None:
    cells = body_cells(load(name))
    recorded = []
    for cell in cells:
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and _dotted(node.func) == "storebook.results.record":
                recorded.append(node.args[0].value)
    assert f"{name}.headline" in recorded
    assert all(r.startswith(f"{name}.") for r in recorded)
    assert cells[-1].source.strip() == "page.finish()"
