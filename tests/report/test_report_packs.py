"""Report packs per month and language (outputs/<month>/<lang>/), their swap under kills,
and one report per month and language at a time. Tiny store; the swap tests replace the
kernels with a stand-in that writes one page, so that each run takes a fraction of a second."""

from __future__ import annotations

import html
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import pytest

import storebook.report.pack as report
from conftest import REPO, TEST_KEY
from storebook.engine import locks
from storebook.engine.config import Config
from storebook.ingest import ingest
from storebook.report import packs
from support.reports import make_report_root, report_env, run_cli

MONTH = "2025-03"
LIB = REPO / "lib"
OLD = "OLD PACK"
NEW = "NEW PACK"


@pytest.fixture
def env(tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The tiny store ingested and a root whose pack is the one fixture notebook "quick"."""
    ingest(Config.load(tiny), now=datetime(2026, 11, 27))
    root = make_report_root(tmp_path / "reports", ["quick"])
    values = report_env(root, tiny / "data" / "processed")
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


def outputs(env: dict[str, str]) -> Path:
    return Path(env["STOREBOOK_OUTPUTS"])


def fake_run_all(plan, runs, building, context, display) -> None:  # noqa: ANN001 - report._run_all's signature
    """Stands in for the kernels: one page per notebook, marked as this run's."""
    for name, run in runs.items():
        (building / f"{name}.html").write_text(f"<html>{NEW} {plan.lang}</html>", encoding="utf-8")
        run.status, run.html, run.title, run.seconds = "ok", f"{name}.html", name, 0.1


def old_pack(env: dict[str, str], lang: str = "en") -> Path:
    folder = outputs(env) / MONTH / lang
    folder.mkdir(parents=True)
    for name in ("index.html", "quick.html"):
        (folder / name).write_text(f"<html>{OLD}</html>", encoding="utf-8")
    return folder


def pack_state(folder: Path) -> str:
    """'old' or 'new' when the pack is wholly the one or the other; anything else fails."""
    files = sorted(p.name for p in folder.iterdir())
    if files == ["index.html", "quick.html"] and all(OLD in (folder / f).read_text() for f in files):
        return "old"
    if files == ["index.html", "quick.html", "run.json"] and NEW in (folder / "quick.html").read_text() \
            and 'data-report="quick"' in (folder / "index.html").read_text():
        return "new"
    raise AssertionError(f"{folder} is neither the old pack nor the new one: {files}")


def run_pack(lang: str = "en", **kwargs) -> report.PackResult:
    return report.run_report(Config.load(), month=MONTH, lang=lang, progress=False, **kwargs)


# ----------------------------------------------------------------------------- languages side by side

@pytest.mark.slow
def test_english_and_chinese_packs_live_side_by_side_and_link_each_other(env: dict[str, str]) -> None:
    english = run_pack("en")
    assert english.exit_code == 0 and english.index == outputs(env) / MONTH / "en" / "index.html"
    page = english.index.read_text(encoding="utf-8")
    assert 'href="../zh/index.html"' in page and "storebook report --month 2025-03 --lang zh" in page
    chinese = run_pack("zh")
    assert chinese.exit_code == 0 and chinese.index == outputs(env) / MONTH / "zh" / "index.html"
    assert sorted(p.name for p in (outputs(env) / MONTH).iterdir()) == ["en", "zh"]
    assert english.index.is_file(), "the Chinese pack must not replace the English one"
    zh_page = chinese.index.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in zh_page and 'href="../en/index.html"' in zh_page
    assert "--lang en" not in zh_page  # the English pack is there: no command to build it
    # The English index was brought up to date when the Chinese pack appeared.
    page = english.index.read_text(encoding="utf-8")
    assert 'href="../zh/index.html"' in page and "--lang zh" not in page
    assert json.loads((outputs(env) / MONTH / "zh" / "run.json").read_text())["parameters"]["lang"] == "zh"
    assert json.loads((outputs(env) / MONTH / "en" / "run.json").read_text())["parameters"]["lang"] == "en"


def test_the_language_switch_and_the_months_link_within_a_language(env: dict[str, str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "_run_all", fake_run_all)
    (outputs(env) / "2025-02" / "en").mkdir(parents=True)
    (outputs(env) / "2025-02" / "en" / "index.html").write_text("<html>February</html>")
    (outputs(env) / "2025-01" / "zh").mkdir(parents=True)  # a Chinese pack only: not an English month
    (outputs(env) / "2025-01" / "zh" / "index.html").write_text("<html>一月</html>")
    page = html.unescape(run_pack("en").index.read_text(encoding="utf-8"))
    months = page.split('class="months"')[1].split("</ul>")[0]
    assert '<a href="../../2025-02/en/index.html">2025-02</a>' in months
    assert '<span class="current">2025-03</span>' in months and "2025-01" not in months
    switch = page.split('class="languages"')[1].split("</p>")[0]
    assert '<span class="current" lang="en">English</span>' in switch
    assert '<a href="../zh/index.html" hreflang="zh" lang="zh">中文</a>' in switch


# ----------------------------------------------------------------------------- one run per month and language

def test_a_second_report_of_the_month_stops_naming_the_running_one(env: dict[str, str]) -> None:
    lock = packs.lock_path(outputs(env), MONTH, "en")
    with locks.hold(lock, f"report for {MONTH} (en)"):
        started = time.monotonic()
        code, _, err = run_cli(["report", "--month", MONTH], env)
        assert code == 2 and time.monotonic() - started < 20, err
        assert f"another report for 2025-03 (en) is running since {datetime.now():%H:%M}, pid {os.getpid()}" in err \
            or f"pid {os.getpid()}" in err  # the minute may turn between the two lines
        assert "--wait SECONDS" in err and err.count("\n") == 1
        assert not (outputs(env) / MONTH / "en").exists()
        with locks.hold(packs.lock_path(outputs(env), MONTH, "zh"), f"report for {MONTH} (zh)"):
            pass  # the other language's pack has a lock of its own
        with pytest.raises(locks.BusyError, match=r"waited 0.3 s"):
            run_pack("en", wait=0.3)


# ----------------------------------------------------------------------------- stopped at each step of the swap

SWAP_STEPS = ["pack-built", "pack-old-moved", "pack-swapped"]


@pytest.mark.parametrize("step", SWAP_STEPS)
def test_a_report_stopped_at_any_step_of_the_swap_leaves_a_whole_pack(env: dict[str, str], step: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "_run_all", fake_run_all)
    folder = old_pack(env)

    def stop(name: str) -> None:
        if name == step:
            raise KeyboardInterrupt  # Ctrl-C, or SIGTERM (which the CLI turns into this)

    with monkeypatch.context() as patched:
        patched.setattr(locks, "reached", stop)
        with pytest.raises(KeyboardInterrupt):
            run_pack()
    assert pack_state(folder) == ("new" if step == "pack-swapped" else "old")
    assert run_pack().exit_code == 0
    assert pack_state(folder) == "new"
    assert sorted(p.name for p in (outputs(env) / MONTH).iterdir()) == ["en"]


KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    import storebook.engine.locks as locks
    import storebook.report.pack as report
    from storebook.engine.config import Config

    def fake_run_all(plan, runs, building, context, display):  # as fake_run_all above
        for name, run in runs.items():
            (building / f"{name}.html").write_text(f"<html>NEW PACK {plan.lang}</html>", encoding="utf-8")
            run.status, run.html, run.title, run.seconds = "ok", f"{name}.html", name, 0.1

    report._run_all = fake_run_all
    locks.reached = lambda name: os.kill(os.getpid(), signal.SIGKILL) if name == sys.argv[1] else None
    report.run_report(Config.load(), month="2025-03", progress=False)
""")


@pytest.mark.parametrize("step", [*SWAP_STEPS, "flat-file-moved"])
def test_a_report_killed_at_any_step_leaves_the_old_pack_or_the_new_one(env: dict[str, str], step: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGKILL (no clean-up) at each step; the next run of the month and language (here one
    stopped before its swap) puts the old pack back, or finishes moving a pack of the older layout."""
    month = outputs(env) / MONTH
    if step == "flat-file-moved":  # a Chinese pack in the layout of an older storebook
        month.mkdir(parents=True)
        for name in ("index.html", "quick.html"):
            (month / name).write_text(f"<html>{OLD}</html>", encoding="utf-8")
        (month / "run.json").write_text(json.dumps({"parameters": {"lang": "zh"}}))
    else:
        old_pack(env)
    child_env = {**os.environ, **env, "STOREBOOK_HASH_KEY": TEST_KEY,
                 "PYTHONPATH": os.pathsep.join([str(LIB), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", KILL_SCRIPT, step], env=child_env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    left = sorted(p.name for p in month.iterdir())
    if step == "pack-old-moved":  # between the two renames: the old pack waits beside
        assert [n.split("-")[0] for n in left] == [".en.building", ".en.previous"]
    monkeypatch.setattr(report, "_run_all", fake_run_all)

    def stop_before_swap(name: str) -> None:
        if name == "pack-built":
            raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(locks, "reached", stop_before_swap)
        with pytest.raises(KeyboardInterrupt):
            run_pack()
    expected = {"pack-built": "old", "pack-old-moved": "old", "pack-swapped": "new"}
    if step == "flat-file-moved":
        assert sorted(p.name for p in month.iterdir()) == ["zh"]
        assert sorted(p.name for p in (month / "zh").iterdir()) == ["index.html", "quick.html", "run.json"]
    else:
        assert pack_state(month / "en") == expected[step]
        assert sorted(p.name for p in month.iterdir()) == ["en"]
    assert run_pack().exit_code == 0
    assert pack_state(month / "en") == "new"


def test_a_pack_of_the_older_layout_becomes_its_languages_pack(env: dict[str, str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "_run_all", fake_run_all)
    month = outputs(env) / MONTH
    month.mkdir(parents=True)
    for name in ("index.html", "quick.html"):
        (month / name).write_text(f"<html>{OLD}</html>", encoding="utf-8")
    (month / "run.json").write_text(json.dumps({"parameters": {"lang": "en"}}))
    result = run_pack("zh")
    assert sorted(p.name for p in month.iterdir()) == ["en", "zh"]
    assert (month / "en" / "index.html").read_text() == f"<html>{OLD}</html>"  # kept, as the English pack
    assert 'href="../en/index.html"' in result.index.read_text(encoding="utf-8")


def test_the_language_switch_is_punctuated_in_its_language(tmp_path: Path) -> None:
    # A 中文 index read "语言: English · 中文" (an ASCII colon) and "(尚未生成： …)".
    zh = packs.language_links(tmp_path, MONTH, "zh")
    assert '<p class="languages">语言：<a href="../en/index.html"' in zh
    assert '<span class="not-built">（尚未生成：<code>storebook report --month 2025-03 --lang en</code>）</span>' in zh
    en = packs.language_links(tmp_path, MONTH, "en")
    assert '<p class="languages">Language: <span class="current" lang="en">English</span>' in en
    assert "(not built yet: <code>storebook report --month 2025-03 --lang zh</code>)" in en
