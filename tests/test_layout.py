"""The layers of lib/storebook and their arrows (docs/architecture.md): each layer imports
only the layers below it; an area never imports another area (an area's facts module,
areas/<x>_facts.py, imports its own area, areas/<x>.py, and nothing else of areas/).

The few arrows not yet straightened are listed here by name, so that the list can only
shrink: a new one fails the test, and so does a listed one that is gone (remove it here).
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

LIB = REPO / "lib" / "storebook"
#: Layer → its rank; a module may import its own layer and any layer of a lower rank.
#: ingest and measures share a rank but do not import each other (different branches).
RANK = {"errors": 0, "engine": 1, "ingest": 2, "measures": 2, "sample": 3, "areas": 4, "report": 5,
        "bench": 6, "cli": 7, "__init__": 7}
#: Arrows still pointing sideways (importer → imported): the overview composes the other
#: areas' headline figures; its building blocks are the next to move into measures
#: (docs/architecture.md, "Not yet straight").
KNOWN_CROSSINGS = {
    ("areas.overview", "areas.conversion"),
    ("areas.overview", "areas.profit"),
    ("areas.overview", "areas.promotion"),
    ("areas.overview", "areas.service"),
    ("areas.overview", "areas.supplier"),
    ("areas.overview", "areas.traffic"),
}


def _module(path: Path) -> str:
    return ".".join(path.relative_to(LIB).with_suffix("").parts).removesuffix(".__init__") or "__init__"


def _imports(path: Path) -> set[str]:
    """The storebook modules ``path`` imports (``from storebook.x import y`` → x.y when y is a
    module, else x), without the ``storebook.`` prefix."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("storebook"):
            base = node.module.removeprefix("storebook").lstrip(".")
            for alias in node.names:
                full = f"{base}.{alias.name}" if base else alias.name
                is_module = (LIB / Path(*full.split("."))).with_suffix(".py").exists() or (
                    LIB / Path(*full.split("."))).is_dir()
                found.add(full if is_module else base)
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("storebook.") for a in node.names if a.name.startswith("storebook.")}
    return {f for f in found if f}


def _sideways(importer: str, imported: str) -> bool:
    """Whether a module of areas/ importing another module of areas/ is a sideways arrow: it is,
    except for a facts module (``areas.<x>_facts``) importing its own area (``areas.<x>``),
    whose frames its sentences state."""
    if imported in (importer, "areas"):
        return False
    return importer != f"{imported}_facts"


def _crossings() -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for path in sorted(LIB.rglob("*.py")):
        importer = _module(path)
        layer = importer.split(".")[0]
        for imported in _imports(path):
            target = imported.split(".")[0]
            if layer == target:
                if layer == "areas" and _sideways(importer, imported):
                    out.add((importer, imported))
                continue
            if RANK[target] > RANK[layer] or (RANK[target] == RANK[layer]):
                out.add((importer, imported))
    return out


def test_every_module_belongs_to_a_layer() -> None:
    layers = {_module(p).split(".")[0] for p in LIB.rglob("*.py")}
    assert layers <= RANK.keys(), f"modules outside the layers: {sorted(layers - RANK.keys())}"


def test_arrows_point_down_and_areas_do_not_import_each_other() -> None:
    found = _crossings()
    assert found - KNOWN_CROSSINGS == set(), "new sideways or upward imports"
    assert KNOWN_CROSSINGS - found == set(), "straightened: remove these from KNOWN_CROSSINGS"


def test_the_check_sees_a_crossing() -> None:
    """The import reader finds what it must (a check that cannot fail proves nothing)."""
    assert "areas.traffic" in _imports(LIB / "areas" / "overview.py")
    assert "measures.ratios" in _imports(LIB / "areas" / "traffic.py")
    assert ("areas.overview", "areas.traffic") in _crossings()


def test_a_facts_module_may_import_only_its_own_area() -> None:
    assert not _sideways("areas.store_ops_facts", "areas.store_ops")
    assert _sideways("areas.store_ops_facts", "areas.traffic")
    assert _sideways("areas.competitor_facts", "areas.store_ops")
    assert _sideways("areas.store_ops", "areas.store_ops_facts")  # the arrow points from the facts to the area
    assert _sideways("areas.conversion", "areas.traffic")
    assert ("areas.store_ops_facts", "areas.store_ops") not in _crossings()


def test_short_names_reach_the_modules() -> None:
    import storebook
    import storebook.areas.traffic
    import storebook.report.page

    assert storebook.traffic is storebook.areas.traffic
    assert storebook.notebook is storebook.report.page
    assert storebook.traffic.compare_months is storebook.measures.compare.compare_months


def test_no_docstring_example_is_skipped() -> None:
    """A docstring example runs (``--doctest-modules``) or is plain text: none is skipped."""
    skipped = [f"{p.relative_to(LIB)}:{i}" for p in sorted(LIB.rglob("*.py"))
               for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "doctest: +SKIP" in line]
    assert skipped == []


# --------------------------------------------------------------------------- the tests' layout
TESTS = REPO / "tests"


def _test_modules_imported(text: str) -> set[str]:
    """The test modules a file imports (``from test_x import …``, ``import test_x``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[-1].startswith("test_"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[-1].startswith("test_")}
    return found


def test_no_test_file_imports_another() -> None:
    """What tests share lives in tests/support (fixtures in conftest.py), never in a test file."""
    importing = {}
    for path in sorted(TESTS.rglob("*.py")):
        if "fixtures" not in path.relative_to(TESTS).parts:
            found = _test_modules_imported(path.read_text(encoding="utf-8"))
            if found:
                importing[str(path.relative_to(TESTS))] = sorted(found)
    assert importing == {}


def test_the_check_sees_a_test_import() -> None:
    assert _test_modules_imported("from test_report import run_cli\nimport test_kpis\nfrom support import x") == {
        "test_report", "test_kpis"}


def test_tests_mirror_lib() -> None:
    """A test file sits in tests/ (the package as a whole: layout, CLI, bench) or in the folder
    of the part of lib/storebook it tests: tests/areas/ for storebook/areas/, and so on."""
    misplaced = [str(p.relative_to(TESTS)) for p in sorted(TESTS.rglob("test_*.py"))
                 if "fixtures" not in p.parts and len(p.relative_to(TESTS).parts) > 1
                 and not (LIB / Path(*p.relative_to(TESTS).parts[:-1])).is_dir()]
    assert misplaced == []
    assert {p.parent.name for p in TESTS.rglob("test_*.py") if "fixtures" not in p.parts} >= {
        "engine", "ingest", "sources", "measures", "areas", "report", "sample"}
