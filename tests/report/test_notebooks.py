"""Every report notebook of the pack, executed on the sample store.

* papermill with the defaults and with ``month="2026-09", platforms=["tmall"]``: the run
  succeeds, records a ``<area>.headline`` the report index can show, prints nothing to
  stderr and stays well under 2 MB of HTML;
* nbval ``--nbval-lax`` on the notebook as it stands (what an analyst gets in JupyterLab);
* a month without traffic rows: every section that needs traffic shows one note (what is
  missing, how to add it), no traceback, and is recorded as run on no data;
* a misspelt platform: the message, not a traceback.

Also the report page (:mod:`storebook.report.page`) on its own, without a kernel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import storebook
import storebook.areas.traffic
import storebook.report.plots
from conftest import REPO, TEST_KEY, tables_dir
from storebook.engine.availability import resolve_month
from storebook.engine.config import Config
from storebook.errors import NoDataError
from storebook.measures.metrics import METRICS
from storebook.report import page as page_module
from storebook.report.needs import SECTIONS
from storebook.report.results import read_results
from storebook.report.text import TextError
from support.notebooks import outputs, run_notebook

PACK = Config.load(REPO).report_pack
SINGLE = {"month": "2026-09", "platforms": ["tmall"]}
MAX_HTML_BYTES = 2_000_000
#: One xdist group per notebook: its runs stay on one worker, two notebooks run side by side.
NOTEBOOKS = [pytest.param(name, marks=pytest.mark.xdist_group(f"notebook-{name}")) for name in PACK]
#: The notebooks that read the traffic table (a month without traffic rows concerns them).
TRAFFIC_NOTEBOOKS = [p for p in NOTEBOOKS if p.values[0] in ("traffic", "conversion")]


def html_size(nb: nbformat.NotebookNode) -> int:
    import warnings

    from nbconvert import HTMLExporter

    with warnings.catch_warnings():  # the recorded results have no HTML form, on purpose
        warnings.filterwarnings("ignore", message=".*is not able to be represented")
        body, _ = HTMLExporter(exclude_input=True).from_notebook_node(nb)
    return len(body.encode("utf-8"))


def check_headline(entries: list) -> None:
    """The ``<area>.headline`` contract of docs/notebooks.md."""
    assert 3 <= len(entries) <= 6
    for entry in entries:
        assert {"key", "label", "value", "unit", "vs_prior", "vs_last_year"} <= set(entry)
        assert entry["unit"] in {"count", "CNY", "ratio", "days", "per_1000", "score", "multiple"}
        # The registry covers every headline metric, and the record says what it says.
        registered = METRICS[entry["key"]]
        assert entry.get("good", "neutral") == registered.good
        assert entry["unit"] == ("ratio" if registered.unit == "index" else registered.unit)
        assert isinstance(entry["value"], float) and entry["value"] == entry["value"]
        for change in ("vs_prior", "vs_last_year"):
            assert entry[change] is None or isinstance(entry[change], float)


# --------------------------------------------------------------------------- papermill


@pytest.mark.notebooks
@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("parameters", [{}, SINGLE], ids=["defaults", "2026-09-tmall"])
def test_notebook_runs_and_records_its_headline(name, parameters, sample_root, tmp_path) -> None:
    nb = run_notebook(name, parameters, sample_root, tmp_path)
    results = read_results(nb)
    check_headline(results[f"{name}.headline"])
    assert results[f"{name}.notices"] == []
    sections = results[f"{name}.sections"]
    assert len(sections) >= 4 and [s["status"] for s in sections] == ["full"] * len(sections)
    assert outputs(nb, "error") == []
    assert [o["text"] for o in outputs(nb, "stream") if o["name"] == "stderr"] == []
    assert html_size(nb) < MAX_HTML_BYTES
    wb = storebook.open(sample_root / "data" / "processed", root=sample_root)
    month = parameters.get("month") or resolve_month(wb).period.label
    assert results[f"{name}.month"] == resolve_month(wb, month).record() and not results[f"{name}.month"]["partial"]
    title = outputs(nb, "display_data")[0]["data"]["text/markdown"]
    assert title.startswith("# ") and month in title
    if parameters.get("platforms") == ["tmall"]:
        assert "Tmall" in title and "JD" not in title


@pytest.mark.notebooks
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_passes_nbval_as_it_stands(name, sample_root) -> None:
    env = {**os.environ, "STOREBOOK_ROOT": str(sample_root), "STOREBOOK_HASH_KEY": TEST_KEY}
    env.pop("PYTEST_XDIST_WORKER", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", f"notebooks/{name}.ipynb", "-q", "-p", "no:xdist",
         "-p", "no:cacheprovider", "-o", "addopts="],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout


@pytest.fixture(scope="module")
def month_without_traffic(sample_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample's processed tables whose traffic lacks 2026-08."""
    target = tmp_path_factory.mktemp("no-august") / "processed"
    source = tables_dir(sample_root)  # a copy in the flat layout: what a lake may hold
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("traffic"))
    table = pq.read_table(source / "traffic")
    month = pc.strftime(table["visited_on"], format="%Y-%m")
    (target / "traffic").mkdir()
    pq.write_table(table.filter(pc.not_equal(month, "2026-08")), target / "traffic" / "part-0.parquet")
    return target


@pytest.mark.notebooks
@pytest.mark.parametrize("name", TRAFFIC_NOTEBOOKS)
def test_a_month_without_traffic_gives_notices_not_tracebacks(name, sample_root, month_without_traffic,
                                                              tmp_path) -> None:
    nb = run_notebook(name, {"month": "2026-08", "data_path": str(month_without_traffic)}, sample_root, tmp_path)
    results = read_results(nb)
    notices = results[f"{name}.notices"]
    assert notices and all("2026-08" in n for n in notices)
    assert any("needs traffic rows for 2026-08: the traffic table covers 2025-09-01 to 2026-10-31" in n
               and "storebook ingest" in n for n in notices)
    statuses = {s["key"]: s["status"] for s in results[f"{name}.sections"]}
    need_traffic = [k for k in statuses if any(n.tables == ("traffic",) and not n.optional for n in SECTIONS[k])]
    assert need_traffic and {statuses[k] for k in need_traffic} == {"none"}
    assert {s for k, s in statuses.items() if k not in need_traffic} <= {"full"}  # the others ran on full data
    assert outputs(nb, "error") == []
    shown = "".join(str(o) for c in nb.cells for o in c.get("outputs", []))
    assert "Traceback" not in shown and "NoDataError" not in shown


@pytest.mark.notebooks
@pytest.mark.xdist_group(f"notebook-{PACK[0]}")
def test_a_misspelt_platform_shows_the_message_not_a_traceback(sample_root, tmp_path) -> None:
    import papermill as pm

    name = PACK[0]
    with pytest.raises(pm.PapermillExecutionError) as failed:
        run_notebook(name, {"platforms": ["taobao"]}, sample_root, tmp_path)
    assert failed.value.ename == "StorebookError"
    assert "unknown platform(s) taobao" in failed.value.evalue
    nb = nbformat.read(next(tmp_path.glob(f"{name}--*.ipynb")), as_version=4)
    notices = [o["data"]["text/markdown"] for o in outputs(nb, "display_data") if "text/markdown" in o.get("data", {})]
    assert any("cannot run as asked" in n and "unknown platform(s) taobao" in n for n in notices)
    errors = outputs(nb, "error")
    assert len(errors) == 1 and errors[0]["traceback"] == [
        "StorebookError: unknown platform(s) taobao; the workbook knows tmall, jd, douyin, web"]


# --------------------------------------------------------------------------- the page, without a kernel


def test_page_shows_title_sections_takeaways_and_notices(sample_env, capsys) -> None:
    page = page_module.start("traffic", month="2026-09", platforms=["tmall"], language="zh")
    assert (page.period.label, page.platforms, page.language) == ("2026-09", ["tmall"], "zh")
    kind, title = page.shown[0]
    assert kind == "title" and title.startswith("# 流量分析 — 2026-09") and "天猫" in title
    with page.section("traffic.daily"):
        raise NoDataError("no traffic rows for 2026-09 on tmall")
    with page.section("traffic.channels"):
        raise NoDataError("no traffic rows for 2026-09 on tmall")
    assert [k for k, _ in page.shown] == ["title", "section", "notice", "section", "notice"]
    assert page.shown[1][1] == "## 1. 每日访客如何变化？"
    assert "无数据" in page.shown[2][1] and "no traffic rows" in page.shown[2][1]
    assert page.shown[4][1] == "> 本节同样无数据（见上文）。"               # the second time, briefly
    sentence = page.takeaway("traffic.anomalies.takeaway", variant="none")
    assert sentence.startswith("没有日子超出")
    with pytest.raises(ValueError), page.section("traffic.paid"):   # other errors are not swallowed
        raise ValueError("a bug")
    assert page.notices == ["no traffic rows for 2026-09 on tmall"] * 2


def test_page_show_renders_figures_and_tables(sample_env) -> None:
    page = page_module.start("conversion", month="2026-09")
    fig = storebook.report.plots.daily_trend(storebook.areas.traffic.daily_traffic(page.wb, page.period), page.text,
                                             china=page.china, title="t")
    page.show(fig)
    page.show(storebook.areas.traffic.summarise_traffic(page.wb, page.period))
    assert [k for k, _ in page.shown][-2:] == ["figure", "table"]
    with pytest.raises(TypeError, match="cannot show a int"):
        page.show(3)


def test_start_checks_language_and_month_before_anything_else(sample_env) -> None:
    with pytest.raises(TextError, match="language 'fr'"):
        page_module.start("traffic", language="fr")
    with pytest.raises(NoDataError, match="no orders in 2019-01, nor any other data"):
        page_module.start("traffic", month="2019-01")
