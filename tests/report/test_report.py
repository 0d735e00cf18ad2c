"""The monthly report pack (storebook.report.pack, with plan, render, index_page, provenance): request checks, the pack, its pages, index and provenance.

The end-to-end packs are built once per session (under a file lock, shared by xdist
workers) and read by many tests (``fixture_pack`` and ``real_pack`` are conftest's fixtures,
built by tests/support/reports.py):

* ``fixture_pack``: the CLI on the small sample store with fixture notebooks, one of which
  raises (tests/fixtures/notebooks: sales, service, broken);
* ``jobs1_pack``: the same month re-run through the Python API with ``--jobs 1`` and
  ``--only sales,service`` into a copy of the first, to compare recorded results;
* ``real_pack``: the workbook's own pack (storebook.toml, notebooks/) on the sample store.

Request errors and the kernel/timeout/interrupt paths use the tiny store (fast).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, tables_dir
from storebook.engine.config import Config
from storebook.report.index_page import card_change, card_value, format_value
from storebook.report.pack import run_report
from storebook.report.packs import recover_interrupted_swap, remove_stale_builds
from storebook.report.pdf import print_pdfs
from storebook.report.plan import ReportRequestError, declared_parameters
from storebook.report.render import add_contents, strip_network_references
from storebook.report.results import MIME as RESULT_MIME
from storebook.report.results import read_results
from support.reports import (
    FIXTURE_NOTEBOOKS,
    MONTH,
    build_once,
    make_report_root,
    real_pack_notebooks,
    report_env,
    run_cli,
)

MAX_PAGE_BYTES = 2 * 1024 * 1024


class _Refs(HTMLParser):
    """Every tag and URL-bearing attribute of a page."""

    URL_ATTRS = {"src", "href", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href"}

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for attr, value in attrs:
            if attr in self.URL_ATTRS and value is not None:
                self.urls.append((tag, attr, value.strip()))


def page_refs(text: str) -> _Refs:
    parser = _Refs()
    parser.feed(text)
    return parser


def check_page(page: Path, executed: Path | None, *, may_fail: bool = False) -> str:
    """Assert what every report page must be; returns the page text for further checks.

    No code input (no line of any code cell that ran without error), no error output
    (unless ``may_fail``), no ``http(s)://`` in any ``src``/``href`` except plain links,
    no script/link/frame tag, no analyst cell, no recorded-result output, under 2 MB.
    """
    text = page.read_text(encoding="utf-8")
    plain = html.unescape(text)
    assert page.stat().st_size < MAX_PAGE_BYTES, f"{page.name} is {page.stat().st_size:,} bytes"
    refs = page_refs(text)
    for tag, attr, value in refs.urls:
        if re.match(r"(?i)^(https?:)?//", value):
            assert tag == "a" and attr == "href", f"{page.name}: <{tag} {attr}={value[:80]}> loads from a network"
    for tag in ("script", "link", "iframe", "object", "embed", "base"):
        assert tag not in refs.tags, f"{page.name} has a <{tag}>"
    assert "@import" not in text and not re.search(r"url\(\s*['\"]?(https?:)?//", text)
    assert RESULT_MIME not in text
    if not may_fail:
        assert 'class="failure"' not in text and "Traceback" not in plain, f"{page.name} shows an error"
    if executed is not None:
        nb = nbformat.read(str(executed), as_version=4)
        for cell in nb.cells:
            tags = cell.metadata.get("tags", [])
            if cell.cell_type == "markdown" and "analyst" in tags:
                for line in cell.source.splitlines():
                    line = line.strip("#*> -").strip()
                    if len(line) >= 20:
                        assert line not in plain, f"{page.name} shows an analyst cell: {line!r}"
            if cell.cell_type != "code" or any(o.get("output_type") == "error" for o in cell.outputs):
                continue
            for line in cell.source.splitlines():
                line = line.strip()
                if len(line) >= 15 and not line.startswith("#"):
                    assert line not in plain, f"{page.name} shows code: {line!r}"
        for name in read_results(nb):  # recorded results stay out of sight
            assert f'"name": "{name}"' not in plain
    return text


# -- request errors (tiny store, no kernel) ------------------------------------------------
@pytest.fixture
def tiny_report_env(tiny: Path, tmp_path: Path) -> dict[str, str]:
    """The tiny store ingested, and a root whose pack is two fixture notebooks."""
    from storebook.ingest import ingest

    ingest(Config.load(tiny))
    root = make_report_root(tmp_path / "reports", ["quick", "sales"])
    return report_env(root, tiny / "data" / "processed")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--month", "2025-13"], "'2025-13' is not a month; write it as YYYY-MM"),
        (["--month", "March"], "'March' is not a month"),
        (["--month", "2019-01"], "no orders in 2019-01"),
        (["--month", "2025-03", "--platform", "taobao"], "unknown platform(s) taobao"),
        (["--month", "2025-03", "--only", "sales,nosuch"], "unknown notebook(s) nosuch: the report pack is quick, sales"),
        (["--month", "2025-03", "--jobs", "0"], "--jobs 0"),
    ],
)
def test_request_errors_exit_2_with_one_line(tiny_report_env: dict[str, str], argv: list[str], expected: str) -> None:
    started = time.perf_counter()
    code, out, err = run_cli(["report", *argv], tiny_report_env)
    assert code == 2
    assert expected in err
    assert err.count("\n") == 1 and err.startswith("storebook report: ")
    assert not any(Path(tiny_report_env["STOREBOOK_OUTPUTS"]).iterdir()), "nothing may be written"
    assert time.perf_counter() - started < 20, "no kernel may start for a wrong request"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--month", "2025-13"], "'2025-13' 不是一个月份；请写成 YYYY-MM，例如 2026-10"),
        (["--month", "2025-03", "--platform", "taobao", "--platform", "jd"],
         "未知的平台 taobao；工作簿已知的平台为 tmall, jd, douyin, web"),
        (["--month", "2025-03", "--only", "sales,nosuch"],
         "未知的笔记本 nosuch：报告包为 quick, sales（storebook.toml 中的 [report] pack）"),
        (["--month", "2025-03", "--jobs", "0"], "--jobs 0：至少需要 1 个并行内核"),
    ],
)
def test_request_errors_are_said_in_the_pack_language(tiny_report_env: dict[str, str], argv: list[str],
                                                      expected: str) -> None:
    # A wrong month or platform reaches a Chinese reader in Chinese, from the planning child process too.
    code, _, err = run_cli(["report", *argv, "--lang", "zh"], tiny_report_env)
    assert code == 2
    assert err == f"storebook report: {expected}\n", err


def test_notebook_missing_a_parameter_exits_2(tiny_report_env: dict[str, str]) -> None:
    make_report_root(Path(tiny_report_env["STOREBOOK_ROOT"]), ["quick", "oldparams"])
    code, _, err = run_cli(["report", "--month", "2025-03"], tiny_report_env)
    assert code == 2
    assert "oldparams.ipynb does not declare the parameter(s) language" in err
    assert "month, platforms, data_path" in err  # what it does declare
    assert "quick.ipynb" not in err
    assert err.count("\n") == 1


def test_parameters_problems_of_several_notebooks_are_said_in_one_language(tmp_path: Path) -> None:
    from storebook.report.plan import check_parameters
    from storebook.report.text import Text

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    bare = tmp_path / "bare.ipynb"
    nbformat.write(nb, str(bare))
    with pytest.raises(ReportRequestError) as excinfo:
        check_parameters({"oldparams": FIXTURE_NOTEBOOKS / "oldparams.ipynb", "bare": bare},
                         {"month": "2025-03", "language": "zh"})
    assert str(excinfo.value) == (
        "oldparams.ipynb does not declare the parameter(s) language (its parameters cell has month, platforms, "
        "data_path); bare.ipynb has no cell tagged 'parameters' (it must declare month, language): add them to the "
        "cell tagged 'parameters' or correct the name")
    assert excinfo.value.said(Text("zh")) == (
        "oldparams.ipynb 没有声明参数 language（其参数单元格中有 month, platforms, data_path）；"
        "bare.ipynb 没有标记为 'parameters' 的单元格（它必须声明 month, language）："
        "请把它们加入标记为 'parameters' 的单元格，或改正名称")


def test_missing_notebook_file_exits_2(tiny_report_env: dict[str, str]) -> None:
    make_report_root(Path(tiny_report_env["STOREBOOK_ROOT"]), ["quick", "pricing"])
    code, _, err = run_cli(["report", "--month", "2025-03"], tiny_report_env)
    assert code == 2 and "pricing of the report pack not found" in err and "pricing.ipynb" in err


def test_misspelt_extra_parameter_is_refused(tiny_report_env: dict[str, str]) -> None:
    config = Config.load(Path(tiny_report_env["STOREBOOK_ROOT"]))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STOREBOOK_PROCESSED", tiny_report_env["STOREBOOK_PROCESSED"])
        with pytest.raises(ReportRequestError) as excinfo:
            run_report(config, month="2025-03", notebooks_dir=FIXTURE_NOTEBOOKS, parameters={"langauge": "zh"})
    assert "does not declare the parameter(s) langauge" in str(excinfo.value)


def test_declared_parameters_reads_the_house_parameters_cell() -> None:
    # papermill.inspect_notebook drops these lines: their comments hold an "=".
    assert declared_parameters(FIXTURE_NOTEBOOKS / "sales.ipynb") == ["month", "platforms", "data_path", "language"]
    assert declared_parameters(FIXTURE_NOTEBOOKS / "oldparams.ipynb") == ["month", "platforms", "data_path"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"noparams-{os.getpid()}.ipynb"
    nbformat.write(nb, str(path))
    try:
        assert declared_parameters(path) is None
    finally:
        path.unlink()


# -- units --------------------------------------------------------------------------------
def test_format_value_and_change() -> None:
    # English: full digits, as on the pages; 中文: 万 and 亿 from 10,000, as on the pages.
    assert format_value(1234567, "count") == "1,234,567"
    assert format_value(12345678, "count") == "12,345,678"
    assert format_value(2_500_000, "CNY") == "¥2,500,000"
    assert format_value(999.5, "CNY") == "¥1,000"
    assert format_value(0.0342, "ratio") == "3.42%"
    assert format_value(0.25, "ratio") == "25.0%"
    assert format_value(3.25, "days") == "3.2\u00a0days"
    assert format_value(2_500_000, "CNY", "zh") == "¥250万"
    assert format_value(295_400, "CNY", "zh") == "¥29.5万"
    assert format_value(312_000_000, "count", "zh") == "3.12亿"
    assert format_value(None, "count") == "–" and format_value(float("nan"), "CNY") == "–"
    # The registry's format wins over the recorded unit: ROI is a return in percent.
    assert format_value(-0.487, "ratio", key="roi") == "−48.7%"
    assert card_value({"key": "roi", "value": -0.487, "unit": "ratio"}) == \
        '<span class="val tone-bad" data-metric="roi">−48.7%</span>'
    # A card's change: the registry's format and tone, a rate in points.
    paid = {"key": "paid_amount", "value": 445_883.0, "unit": "CNY", "vs_prior": 0.337, "vs_last_year": -0.12}
    assert card_change(paid, "vs_prior") == \
        '<span class="chg tone-good" data-metric="paid_amount" data-sign="+">▲&nbsp;+33.7%</span>'
    assert card_change(paid, "vs_last_year", "zh") == \
        '<span class="chg tone-bad" data-metric="paid_amount" data-sign="-">▼&nbsp;−12.0%</span>'
    refund = {"key": "refund_rate", "value": 0.0275, "unit": "ratio", "vs_prior": -0.238, "vs_last_year": 0.0}
    # 2.75% after −23.8%: from 3.609%, −0.86 pp — good news, green.
    assert card_change(refund, "vs_prior", "zh") == \
        '<span class="chg tone-good" data-metric="refund_rate" data-sign="-">▼&nbsp;−0.86个百分点</span>'
    assert card_change(refund, "vs_last_year") == \
        '<span class="chg tone-neutral" data-metric="refund_rate" data-sign="0">0.00&nbsp;pp</span>'
    # An unknown change is left out of the card (no "– vs prior month"), as the pages' cards do.
    assert card_change(paid | {"vs_prior": None}, "vs_prior") == ""
    assert card_change(paid | {"vs_last_year": float("nan")}, "vs_last_year", "zh") == ""


def test_strip_network_references_keeps_plain_links() -> None:
    page = (
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css"><style>@import url(https://f.example/a.css);'
        ' body{background:url("https://i.example/bg.png")}</style></head><body>'
        '<script src="https://cdn.example/require.js"></script><script>alert(1)</script>'
        '<img src="https://i.example/a.png"><img src="data:image/png;base64,AAAA">'
        '<iframe src="https://v.example/"></iframe><a href="https://www.gov.cn/">notice</a></body></html>'
    )
    cleaned, notes = strip_network_references(page)
    refs = page_refs(cleaned)
    assert "script" not in refs.tags and "link" not in refs.tags and "iframe" not in refs.tags
    assert [u for u in refs.urls if "example" in u[2]] == []
    assert ("a", "href", "https://www.gov.cn/") in refs.urls
    assert ("img", "src", "data:image/png;base64,AAAA") in refs.urls
    assert "@import" not in cleaned and "i.example" not in cleaned
    assert len(notes) == 5 and all("removed" in n for n in notes)


def test_add_contents_names_headings_and_drops_the_title() -> None:
    page = ('<body><!--storebook:contents--><main><h1>Traffic — 2026-10</h1><p>Q?</p>'
            '<h2>1. 流量来源 Sources</h2><h3>By device</h3><h2>1. 流量来源 Sources</h2></main></body>')
    out = add_contents(page, {"contents": "Contents"})
    assert "<h1" not in out.split("<main>")[1]
    assert 'id="1-流量来源-sources"' in out and 'id="1-流量来源-sources-2"' in out
    toc = out.split('<nav class="toc"')[1].split("</nav>")[0]
    assert toc.count("<li") == 3 and 'class="toc-3"' in toc and 'href="#by-device"' in toc


def test_interrupted_swap_is_recovered_and_stale_builds_removed(tmp_path: Path) -> None:
    month = tmp_path / "2026-10"
    (month / ".zh.previous-1").mkdir(parents=True)
    (month / ".zh.previous-1" / "index.html").write_text("old pack")
    (month / ".zh.building-1-1").mkdir()
    (month / ".en.building-2-1").mkdir()  # another language's build: not this run's business
    recover_interrupted_swap(month, "zh")
    remove_stale_builds(month, "zh")  # called with the zh lock held: every zh build is stale
    assert (month / "zh" / "index.html").read_text() == "old pack"
    assert sorted(p.name for p in month.iterdir()) == [".en.building-2-1", "zh"]


def test_pdf_without_a_browser_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("STOREBOOK_BROWSER", raising=False)
    page = tmp_path / "x.html"
    page.write_text("<html></html>")
    messages = print_pdfs([page])
    assert len(messages) == 1 and "no Chromium found" in messages[0] and "apt-get install chromium" in messages[0]
    assert not page.with_suffix(".pdf").exists()


# -- kernels: retry, timeout, interruption (tiny store) -------------------------------------
@pytest.mark.slow
def test_kernel_that_fails_to_start_is_retried_once(tiny_report_env: dict[str, str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import papermill
    import zmq

    real = papermill.execute_notebook
    calls: list[str] = []

    def flaky(*args, **kwargs):
        calls.append(kwargs["parameters"]["month"])
        if len(calls) == 1:
            raise zmq.ZMQError(98, "Address already in use")  # before any kernel started
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    for key, value in tiny_report_env.items():
        monkeypatch.setenv(key, value)
    result = run_report(Config.load(), month="2025-03", only=["quick"], jobs=1, progress=False)
    assert len(calls) == 2
    (run,) = [r for r in result.reports if r.name == "quick"]
    assert run.status == "ok" and run.attempts == 2
    assert any("did not start on the first try" in n for n in run.notes)
    assert read_results(result.directory / "quick.ipynb")["quick.headline"][0]["value"] == 1.0


@pytest.mark.slow
def test_kernel_that_never_starts_fails_that_report_only(tiny_report_env: dict[str, str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import papermill

    def dead(*args, **kwargs):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(papermill, "execute_notebook", dead)
    for key, value in tiny_report_env.items():
        monkeypatch.setenv(key, value)
    result = run_report(Config.load(), month="2025-03", jobs=2, progress=False)
    assert result.exit_code == 1
    assert [(r.name, r.status, r.attempts) for r in result.reports] == [("quick", "failed", 2), ("sales", "failed", 2)]
    page = (result.directory / "quick.html").read_text(encoding="utf-8")
    assert "did not start twice" in page and "Kernel died" in page
    assert 'data-status="failed"' in result.index.read_text(encoding="utf-8")


@pytest.mark.slow
def test_notebook_past_its_time_limit_is_stopped(tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storebook.ingest import ingest

    ingest(Config.load(tiny))
    root = make_report_root(tmp_path / "reports", ["slow"], timeout=4)
    for key, value in report_env(root, tiny / "data" / "processed").items():
        monkeypatch.setenv(key, value)
    started = time.perf_counter()
    result = run_report(Config.load(), month="2025-03", jobs=1, progress=False)
    assert time.perf_counter() - started < 60, "the 120 s sleep must have been interrupted"
    (run,) = result.reports
    assert run.status == "timeout" and result.exit_code == 1
    assert "time limit of 4 s" in run.error["evalue"]
    page = (result.directory / "slow.html").read_text(encoding="utf-8")
    assert 'id="failed-cell"' in page and "time.sleep(120)" in page


@pytest.mark.slow
def test_interrupted_run_keeps_the_previous_pack(tiny: Path, tmp_path: Path) -> None:
    from storebook.ingest import ingest

    ingest(Config.load(tiny))
    root = make_report_root(tmp_path / "reports", ["quick", "slow"])
    old = root / "outputs" / "2025-03" / "en"
    old.mkdir(parents=True)
    (old / "index.html").write_text("the previous pack", encoding="utf-8")
    env = {**os.environ, **report_env(root, tiny / "data" / "processed")}
    command = [str(Path(sys.executable).parent / "storebook"), "report", "--month", "2025-03", "--jobs", "2"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    deadline = time.monotonic() + 90
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        seen.append(line)
        if re.search(r"report: slow\s+running", line):
            break
    else:
        proc.kill()
        pytest.fail(f"the slow notebook never started: {''.join(seen)}")
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert (old / "index.html").read_text(encoding="utf-8") == "the previous pack"
    assert sorted(p.name for p in (root / "outputs" / "2025-03").iterdir()) == ["en"], "no half-built pack may stay"
    assert sorted(p.name for p in (root / "outputs").iterdir()) == [".locks", "2025-03"]


# -- the fixture pack on the sample store (conftest's fixture_pack) ---------------------------
@pytest.mark.slow
def test_failing_notebook_gives_exit_1_and_the_others_finish(fixture_pack: dict) -> None:
    assert fixture_pack["code"] == 1, fixture_pack["stderr"]
    statuses = {n: r["status"] for n, r in fixture_pack["run"]["notebooks"].items()}
    assert statuses == {"sales": "ok", "service": "ok", "broken": "failed"}
    assert fixture_pack["stdout"].strip().splitlines()[-1] == f"index: {fixture_pack['pack'] / 'index.html'}"
    assert "1 of 3 reports failed: broken" in fixture_pack["stderr"]
    pack = fixture_pack["pack"]
    assert not (pack / "stale.html").exists(), "the month's old pack is replaced as a whole"
    assert sorted(p.name for p in pack.iterdir()) == sorted(
        ["index.html", "run.json"] + [f"{n}.{ext}" for n in ("sales", "service", "broken") for ext in ("html", "ipynb")]
    )
    assert sorted(p.name for p in fixture_pack["outputs"].iterdir()) == [".locks", "2026-09", MONTH]
    assert sorted(p.name for p in (fixture_pack["outputs"] / MONTH).iterdir()) == ["en"]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sales", "service", "broken"])
def test_pages_have_no_code_no_error_and_no_network(fixture_pack: dict, name: str) -> None:
    pack = fixture_pack["pack"]
    text = check_page(pack / f"{name}.html", pack / f"{name}.ipynb", may_fail=name == "broken")
    plain = html.unescape(text)
    assert "ANALYST-ONLY" not in plain
    # header: store, month, platforms, generation time, code revision, data fingerprint
    run = fixture_pack["run"]
    assert "Lumen &amp; Loom" in text and f">{MONTH}<" in text
    assert "Tmall, JD, Douyin, Web shop" in text  # the platforms with data in the month, by name
    assert run["data_fingerprint"][:12] in text and run["code_revision"][:10] in text
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", text)
    toc = text.split('<nav class="toc"')[1].split("</nav>")[0]
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert len(targets) >= 1
    for target in targets:
        assert f'id="{target}"' in text, f"the contents link to a missing #{target}"


@pytest.mark.slow
def test_page_content_figures_tables_and_hidden_parts(fixture_pack: dict) -> None:
    text = (fixture_pack["pack"] / "sales.html").read_text(encoding="utf-8")
    plain = html.unescape(text)
    assert text.count('src="data:image/png;base64,') == 1
    assert "<table" in text and "paid_amount" in text
    assert "Sales fixture — 2026-10" in plain and "How many orders did we take" in plain
    assert '<a href="https://www.gov.cn/">' in text  # a plain link to an outside page stays
    assert "a warning for the analyst" not in plain
    assert "sales.orders" not in plain
    run = fixture_pack["run"]["notebooks"]["sales"]
    assert any("stderr" in note for note in run["notes"])


@pytest.mark.slow
def test_failed_page_shows_the_cell_and_error_where_it_failed(fixture_pack: dict) -> None:
    text = (fixture_pack["pack"] / "broken.html").read_text(encoding="utf-8")
    plain = html.unescape(text)
    assert 'role="alert"' in text and "This report did not finish." in plain
    assert 'href="#failed-cell"' in text and text.count('id="failed-cell"') == 1
    failure = plain.split('id="failed-cell"')[1]
    assert 'raise ValueError("planted failure for the report pack test")' in failure
    assert "ValueError" in failure and "Traceback" in failure
    assert "This section rendered." in plain and "Never reached" not in plain
    assert "Before the failure" in plain.split('id="failed-cell"')[0]
    error = fixture_pack["run"]["notebooks"]["broken"]["error"]
    assert error["ename"] == "ValueError" and "planted failure" in error["evalue"]


@pytest.mark.slow
def test_index_shows_headlines_statuses_links_and_months(fixture_pack: dict) -> None:
    pack = fixture_pack["pack"]
    text = check_page(pack / "index.html", None)
    plain = html.unescape(text)
    sales = read_results(pack / "sales.ipynb")
    service = read_results(pack / "service.ipynb")
    for entry in sales["sales.headline"] + service["service.headline"]:
        compared = entry["vs_prior"] is not None or entry["vs_last_year"] is not None
        # a card only for a figure with a comparison (the index's rule, storebook.report.summary)
        assert (f'data-key="{entry["key"]}"' in text) == compared, entry
        if compared:
            card = plain.split(f'data-key="{entry["key"]}"')[1].split('class="kpi"')[0]
            assert entry["label"] in card and format_value(entry["value"], entry["unit"], key=entry["key"]) in card
    assert "+3.4%" in plain and "−12.0%" in plain
    summary = plain.split('class="summary-sentences"')[1].split("</ul>")[0]
    assert "the Broken fixture report did not finish" in summary  # a risk the summary names
    assert "To act on first: rerun the Broken fixture report" in summary
    for name, status in {"sales": "ok", "service": "ok", "broken": "failed"}.items():
        assert f'data-report="{name}" data-status="{status}"' in text
    assert "planted failure for the report pack test" in plain  # the failure is named in the index
    refs = page_refs(text)
    local = {value for tag, attr, value in refs.urls if tag == "a" and not value.startswith("#")}
    # The Chinese pack of the month is linked, with the command that builds it (not built here).
    assert "../zh/index.html" in local
    assert "storebook report --month 2026-10 --lang zh" in plain.split('class="languages"')[1].split("</p>")[0]
    for link in local - {"../zh/index.html"}:
        assert (pack / link).resolve().is_file(), f"index links to a missing {link}"
    assert "../../2026-09/en/index.html" in local and "run.json" in local
    assert {"sales.html", "service.html", "broken.html", "sales.ipynb"} <= local


@pytest.mark.slow
def test_run_json_records_provenance(fixture_pack: dict, sample_root: Path) -> None:
    run = fixture_pack["run"]
    assert run["month"] == MONTH and run["status"] == "failed"
    assert run["parameters"]["notebook_parameters"] == {
        "month": MONTH, "platforms": None, "data_path": str(tables_dir(sample_root)), "language": "en"}
    assert run["parameters"]["jobs"] == 2 and run["parameters"]["lang"] == "en"
    manifest = json.loads((tables_dir(sample_root) / "_ingest.json").read_text(encoding="utf-8"))
    assert run["data_fingerprint"] == manifest["fingerprint"]
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True)
    if head.returncode == 0:
        assert re.fullmatch(re.escape(head.stdout.strip()) + r"(-dirty)?", run["code_revision"])
    for package in ("python", "pandas", "papermill", "nbconvert", "storebook"):
        assert run["versions"][package] not in ("", "not installed")
    assert run["started_at"] <= run["finished_at"]
    for name, entry in run["notebooks"].items():
        assert entry["started_at"] and entry["finished_at"] and entry["seconds"] > 0
        assert entry["html"] == f"{name}.html" and entry["notebook"] == f"{name}.ipynb"
        assert entry["attempts"] == 1


@pytest.mark.slow
def test_executed_notebooks_keep_code_and_results(fixture_pack: dict) -> None:
    nb = nbformat.read(str(fixture_pack["pack"] / "sales.ipynb"), as_version=4)
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "wb.execute(" in sources and "injected-parameters" in str([c.metadata.get("tags") for c in nb.cells])
    assert read_results(nb)["sales.orders"] > 0


@pytest.mark.slow
def test_progress_display_shows_each_notebook_state_and_time(fixture_pack: dict) -> None:
    lines = fixture_pack["stderr"].splitlines()
    for name, status in {"sales": "ok", "service": "ok", "broken": "failed"}.items():
        assert any(re.match(rf"report: {name}\s+running\s+[\d.]+ s", line) for line in lines), name
        assert any(re.match(rf"report: {name}\s+{status}\s+[\d.]+ s", line) for line in lines), name


@pytest.fixture(scope="session")
def jobs1_pack(fixture_pack: dict, tmp_path_factory: pytest.TempPathFactory, sample_root: Path) -> dict:
    """sales and service re-run with one kernel (--only) into a copy of the fixture pack."""

    def build(target: Path) -> dict:
        root = make_report_root(target / "wb", ["sales", "service", "broken"])
        shutil.copytree(fixture_pack["pack"], root / "outputs" / MONTH / "en")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("STOREBOOK_PROCESSED", str(sample_root / "data" / "processed"))
            result = run_report(Config.load(root), month=MONTH, only=["sales,service"], jobs=1,
                                notebooks_dir=FIXTURE_NOTEBOOKS, out=root / "outputs", progress=False)
        return {"code": result.exit_code}

    target = build_once(tmp_path_factory, "report-jobs1-pack", build)
    info = json.loads((target / "built.json").read_text(encoding="utf-8"))
    info["pack"] = target / "wb" / "outputs" / MONTH / "en"
    info["run"] = json.loads((info["pack"] / "run.json").read_text(encoding="utf-8"))
    return info


@pytest.mark.slow
def test_jobs_1_and_jobs_2_record_the_same_results(fixture_pack: dict, jobs1_pack: dict) -> None:
    assert jobs1_pack["run"]["parameters"]["jobs"] == 1
    for name in ("sales", "service"):
        two = read_results(fixture_pack["pack"] / f"{name}.ipynb")
        one = read_results(jobs1_pack["pack"] / f"{name}.ipynb")
        assert one == two and f"{name}.headline" in one


@pytest.mark.slow
def test_only_keeps_the_other_reports_of_the_last_run(fixture_pack: dict, jobs1_pack: dict) -> None:
    run = jobs1_pack["run"]["notebooks"]
    assert list(run) == ["sales", "service", "broken"]
    assert run["broken"]["carried_over"] and run["broken"]["status"] == "failed"
    assert not run["sales"]["carried_over"] and run["sales"]["status"] == "ok"
    assert jobs1_pack["code"] == 1, "a carried-over failure still fails the pack"
    assert (jobs1_pack["pack"] / "broken.html").read_bytes() == (fixture_pack["pack"] / "broken.html").read_bytes()
    index = (jobs1_pack["pack"] / "index.html").read_text(encoding="utf-8")
    assert "from an earlier run" in index


# -- the workbook's own pack (conftest's real_pack) --------------------------------------------
@pytest.mark.slow
@pytest.mark.notebooks
def test_real_pack_is_produced_clean_and_small(real_pack: dict) -> None:
    assert real_pack["code"] == 0, real_pack["stderr"][-3000:]
    pack = real_pack["pack"]
    run = json.loads((pack / "run.json").read_text(encoding="utf-8"))
    index = (pack / "index.html").read_text(encoding="utf-8")
    for name in real_pack_notebooks():
        assert run["notebooks"][name]["status"] == "ok"
        text = check_page(pack / f"{name}.html", pack / f"{name}.ipynb")
        assert '<nav class="toc"' in text, f"{name}: no sections found for the contents"
        assert run["notebooks"][name]["headline"], f"{name} recorded no {name}.headline for the index"
        assert f'data-report="{name}" data-status="ok"' in index
