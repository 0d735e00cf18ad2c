"""The errors that stop an ingest, said in the reader's language: `storebook ingest --lang zh`
prints each file's problem from the message catalogue (storebook/report/catalogue/errors.py),
naming the same file, row and column as the English; `--lang en` prints the English message, as
the logs have it. Every key an error names is in the catalogue in both languages."""

from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pytest

from conftest import REPO
from storebook import cli
from storebook.errors import IngestError, InputError, Said, StorebookError
from storebook.ingest.sources.mapping.spec import INPUT_TYPES
from storebook.report.text import CATALOGUE, Text, placeholders
from support.mapping import install, realdata_folder

CJK = re.compile(r"[\u4e00-\u9fff]")
#: The engine's errors that are not an InputError, and a report request's: each raise names its catalogue key.
ENGINE_ERRORS = ("BusyError", "ConfigError", "PeriodError", "ReportRequestError")
LIB = REPO / "lib" / "storebook"


def _stop(capsys: pytest.CaptureFixture, *argv: str) -> str:
    """What `storebook …` printed when it stopped on bad input (exit code 2)."""
    assert cli.main(list(argv)) == cli.EXIT_USAGE
    return capsys.readouterr().err


def _problem(said: str, name: str) -> str:
    """The line of a stop that is one file's problem (not the progress lines above it)."""
    return next(x for x in said.splitlines() if x.startswith("  - ") and name in x)


def _put(root: Path, rel: str, text: str) -> Path:
    path = root / "data" / "raw" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the command line, on hand-made and real files ---------------------------------------------

def test_a_csv_without_a_required_column_stops_in_chinese(root: Path, capsys: pytest.CaptureFixture) -> None:
    # A targets file whose header names four of its five required columns: not metric.
    _put(root, "targets/targets.csv", "month_on,platform,channel,target_value\n2026-10-01,tmall,all,100\n")
    en = _stop(capsys, "ingest")
    zh = _stop(capsys, "ingest", "--lang", "zh")
    assert "ingest stopped: 1 file problem(s); data/processed was left as it was." in en
    assert "data/raw/targets/targets.csv, row 1, column 'metric': required column(s) 'metric' " \
           "missing. Expected: a header row with the targets columns: " in en
    assert "What to do: add the column to the export, or describe the file with a custom source." in en
    assert "\nstorebook ingest: 导入已停止：1 个文件有问题；data/processed 保持原样，未作任何改动。\n" in zh
    line = _problem(zh, "targets.csv")
    assert line.endswith("data/raw/targets/targets.csv，第 1 行，字段 'metric'：缺少必需字段 'metric'。"
                         "应为：一行包含 targets 字段的表头：month_on, platform, channel, metric, target_value"
                         "（按逗号分隔读取，并查找了前 40 行）。处理办法：请在导出文件中加上该字段，或用自定义来源描述该文件。"), line
    assert "Expected" not in zh and "What to do" not in zh


def test_an_empty_file_and_a_stray_quote_each_stop_in_chinese(root: Path, capsys: pytest.CaptureFixture) -> None:
    # Two bad files at once: each is named, in the order ingest found them, both in Chinese.
    _put(root, "targets/targets.csv", "")
    _put(root, "suppliers/suppliers.csv", 'supplier_id,supplier_name,region,contract_lead_time_days\n'
                                          'S1,"Acme,east,5\nS2,Beta,west,7\nS3,Gamma,north,9\n')
    zh = _stop(capsys, "ingest", "--lang", "zh")
    assert "导入已停止：2 个文件有问题" in zh
    assert "data/raw/targets/targets.csv：文件为空。应为：一行表头和若干数据行。处理办法：请重新导出该文件；" \
           "如果是误存的文件，请删除它。" in zh
    quote = _problem(zh, "suppliers.csv")
    assert "suppliers.csv，字段 'supplier_name'：第 2 行：第 2 个字段（'supplier_name'）中的一个引号开启了一个值" in quote, quote
    assert "请删除第 2 行中多余的引号" in quote


def test_a_mapping_with_an_unknown_key_and_one_with_a_column_not_in_the_file(root: Path,
                                                                             capsys: pytest.CaptureFixture) -> None:
    _put(root, "shop/items.csv", "Item,Price\nmug,12.5\n")
    (root / "storebook.sources.yaml").write_text(
        "sources:\n  - name: shop\n    files: shop/*.csv\n    table: products\n    grup_by: Item\n"
        "    columns: {sku: Item, list_price: Price}\n", encoding="utf-8")
    zh = _stop(capsys, "ingest", "--lang", "zh")
    assert "storebook.sources.yaml：来源 'shop'：未知的键 grup_by。应为：符合 docs/sources.md 的声明。处理办法：只能使用 " in zh

    (root / "storebook.sources.yaml").write_text(
        "sources:\n  - name: shop\n    files: shop/*.csv\n    table: products\n"
        "    columns: {sku: Item, list_price: Prise}\n", encoding="utf-8")
    en = _stop(capsys, "ingest")
    zh = _stop(capsys, "ingest", "--lang", "zh")
    assert "data/raw/shop/items.csv, row 1, column 'Prise': column(s) 'Prise' declared in storebook.sources.yaml, " \
           "source 'shop' (`columns.list_price`) are not in the header." in en
    line = _problem(zh, "items.csv")
    assert "data/raw/shop/items.csv，第 1 行，字段 'Prise'：storebook.sources.yaml 中来源 'shop' 声明的字段 'Prise'" \
           "（`columns.list_price`）不在表头中。应为：表头（第 1 行）包含这些字段；表头现有：Item, Price。" in line, line


def test_a_real_mapped_export_with_a_column_removed(root: Path, capsys: pytest.CaptureFixture) -> None:
    """Amazon India's real Sale Report without its 'Stock' column: the example's declaration maps
    it, so the ingest stops naming the file, the header's row and the column, in either language."""
    folder = realdata_folder("amazon_india_seller_reports_E-Commerce-Sales")
    install(root, "amazon_india", [folder / "Sale Report.csv"])
    _drop_column(root / "data" / "raw" / "exports" / "Sale Report.csv", "Stock")
    en = _stop(capsys, "ingest")
    zh = _stop(capsys, "ingest", "--lang", "zh")
    problem = _problem(en, "Sale Report.csv")
    assert "data/raw/exports/Sale Report.csv, row 1, column 'Stock': column(s) 'Stock' declared in " in problem
    line = _problem(zh, "Sale Report.csv")
    assert "data/raw/exports/Sale Report.csv，第 1 行，字段 'Stock'：storebook.sources.yaml 中来源 " in line, line
    assert "不在表头中。应为：表头（第 1 行）包含这些字段；表头现有：" in line and "处理办法：请修改 " in line, line


def test_a_real_shopify_export_with_a_column_removed(root: Path, capsys: pytest.CaptureFixture) -> None:
    """A real Shopify orders export without 'Created at' (an export setting dropped it): no
    source recognises it, and the message names the closest source and the missing column."""
    folder = realdata_folder("shopify_orders_forezia-mock-data")
    path = root / "data" / "raw" / "shopify" / "orders_export.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes((folder / "orders_export.csv").read_bytes())
    _drop_column(path, "Created at")
    en = _stop(capsys, "ingest")
    zh = _stop(capsys, "ingest", "--lang", "zh")
    problem = _problem(en, "orders_export.csv")
    assert "data/raw/shopify/orders_export.csv: no source recognises this file. Expected: the closest source is " \
           in problem and "missing: 'Created at'" in problem, problem
    line = _problem(zh, "orders_export.csv")
    assert "data/raw/shopify/orders_export.csv：没有任何来源能识别该文件。应为：最接近的来源是 " in line, line
    assert "缺少：'Created at'。处理办法：如果它就是该导出文件，请带上这些字段重新导出" in line, line


def _drop_column(path: Path, name: str) -> None:
    """Rewrite a CSV export without one column (the rest as it was, row for row)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    at = rows[0].index(name)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([r[:at] + r[at + 1:] for r in rows])


def test_the_memory_error_in_chinese() -> None:
    import duckdb

    from storebook.ingest.pipeline import out_of_memory

    exc = out_of_memory(duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate (953.7 MiB/953.6 MiB used)"))
    assert str(exc).startswith("ingest stopped: DuckDB needed more memory than ingest may use (")
    assert exc.said(Text("en")) == str(exc)
    zh = exc.said(Text("zh"))
    assert "；953.7 MiB/953.6 MiB used）" in zh and "处理办法：如果本机有足够的空闲内存，请调高上限后重新导入，例如 `" in zh
    assert "STOREBOOK_INGEST_MEMORY=" in zh and not re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", zh.replace(
        "MiB used", "")), zh  # no English sentence left in it


def test_an_error_without_a_key_is_its_english_in_any_language(capsys: pytest.CaptureFixture) -> None:
    plain = InputError("data/raw/x.csv", "something odd", expected="rows", todo="look")
    assert plain.said(Text("zh")) == str(plain)
    both = IngestError([plain, InputError("data/raw/y.csv", "the file is empty", expected="a header row and data rows",
                                          todo="re-export the file, or delete it if it was saved by mistake",
                                          key="error.input.empty")])
    assert both.said(Text("zh")).splitlines() == [
        "导入已停止：2 个文件有问题；data/processed 保持原样，未作任何改动。",
        "  - data/raw/x.csv: something odd. Expected: rows. What to do: look.",
        "  - data/raw/y.csv：文件为空。应为：一行表头和若干数据行。处理办法：请重新导出该文件；如果是误存的文件，请删除它。"]
    assert StorebookError("plain").said(Text("zh")) == "plain"


def test_a_keyed_error_survives_the_parse_workers_pickling() -> None:
    # Large files are parsed in worker processes: an InputError comes back as its fields.
    import pickle

    from storebook.ingest.sources.readers import _nul

    exc = _nul(Path("data/raw/a.csv"), 3)
    fields = {"path": exc.path, "problem": exc.problem, "row": exc.row, "column": exc.column, "expected": exc.expected,
              "todo": exc.todo, "key": exc.key, "values": exc.values}
    back = InputError(fields.pop("path"), fields.pop("problem"), **pickle.loads(pickle.dumps(fields)))
    assert str(back) == str(exc) and back.said(Text("zh")) == exc.said(Text("zh"))
    assert "第 3 行含有 NUL 字符" in back.said(Text("zh"))


# -- every key an error names is in the catalogue, in both languages --------------------------

def _key_patterns(node: ast.expr, inner: bool = False, module: ast.Module | None = None) -> list[re.Pattern[str]] | None:
    """The catalogue keys an expression may give: a string, either of ``a if … else b``, a
    string joined to another (``"…bom" + (".gbk" if … else "")``), or an f-string (its fields, and a
    name joined to a string, any key part), or ``_KEYS[…]`` of a module-level dict (any of its
    values); None for something else."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and module is not None:
        table = next((a.value for a in module.body if isinstance(a, ast.Assign | ast.AnnAssign)
                      and isinstance(a.value, ast.Dict)
                      and node.value.id in [getattr(t, "id", None) for t in getattr(a, "targets", [getattr(a, "target", None)])]),
                     None)
        if table is not None and all(isinstance(v, ast.Constant) for v in table.values):
            return [re.compile(re.escape(v.value)) for v in table.values]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [re.compile(re.escape(node.value))]
    if isinstance(node, ast.Constant) and node.value is None:  # no key on this branch (a caller gives none)
        return []
    if isinstance(node, ast.IfExp):
        a, b = _key_patterns(node.body, inner), _key_patterns(node.orelse, inner)
        return None if a is None or b is None else a + b
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = _key_patterns(node.left, True), _key_patterns(node.right, True)
        if a is None or b is None:
            return None
        return [re.compile(x.pattern + y.pattern) for x in a for y in b]
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(v.value) if isinstance(v, ast.Constant) else r"[a-z0-9_]+" for v in node.values]
        return [re.compile("".join(parts))]
    return [re.compile(r"[a-z0-9_]+")] if inner else None


def _calls() -> list[tuple[str, str, ast.AST, ast.Module]]:
    """Each InputError, Said and declaration check (``.error(…, said=…)``) under lib/storebook, the
    memory error, the engine's errors (:data:`ENGINE_ERRORS`, StorebookError), and the keyword dicts an InputError is given with ``**`` (``{"key": "error.…"}``):
    (where, kind, node, its module)."""
    found = []
    for path in sorted(LIB.rglob("*.py")):
        if "report/catalogue" in path.as_posix():
            continue
        module = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(module):
            where = f"{path.relative_to(LIB)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "key"
                                                  and isinstance(v, ast.Constant) for k, v in zip(node.keys, node.values,
                                                                                                  strict=True)):
                found.append((where, "kwargs", node, module))
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in ("InputError", "Said", "StorebookError", "IngestError", *ENGINE_ERRORS) or (
                    name == "error" and any(k.arg == "said" for k in node.keywords)):
                found.append((where, name, node, module))
    return found


def test_every_key_an_ingest_error_names_is_in_the_catalogue_in_both_languages() -> None:
    problems, keyed = [], 0
    for where, name, call, module in _calls():
        if name == "kwargs":  # an InputError's keywords as a dict: its key, expected and todo
            keywords = {k.value: v for k, v in zip(call.keys, call.values, strict=True) if isinstance(k, ast.Constant)}
            name = "InputError"
        else:
            keywords = {k.arg: k.value for k in call.keywords}
            if name == "InputError" and any(k.arg is None for k in call.keywords):
                continue  # InputError(…, **kwargs): the dict is checked where it is written
        if name == "Said":
            given = call.args[0] if call.args else None
        elif name == "error":
            said = _key_patterns(keywords["said"])
            given = None
            if said is not None:
                patterns = [re.compile(r"error\.spec\." + p.pattern) for p in said]
                keyed += 1
                problems += _missing(where, patterns, ("expected", "todo"))
            continue
        else:
            given = keywords.get("key")
        if given is None:
            if name == "InputError" and "ingest" in where:
                problems.append(f"{where}: an InputError without key=… (English only in Chinese)")
            continue
        if any(isinstance(n, ast.Name) and n.id == "said" for n in ast.walk(given)):
            continue  # the declaration checker's own InputError: each `.error(…, said=…)` is checked above
        patterns = _key_patterns(given, module=module)
        if patterns is None:
            problems.append(f"{where}: a key this test cannot read")
            continue
        keyed += 1
        parts = tuple(p for p in ("expected", "todo") if name == "InputError" and p in keywords)
        problems += _missing(where, patterns, parts)
    assert problems == []
    assert keyed > 120, keyed  # every InputError under ingest, the declaration checks and their parts


def _missing(where: str, patterns: list[re.Pattern[str]], parts: tuple[str, ...]) -> list[str]:
    """What the catalogue lacks for a call: each of its keys (an f-string's: at least one), with
    ``.expected`` and ``.todo`` where the error has them, in English and Chinese alike."""
    out = []
    for pattern in patterns:
        hits = [k for k in CATALOGUE if pattern.fullmatch(k)]
        if not hits:
            out.append(f"{where}: no catalogue key matches {pattern.pattern}")
        for key in hits:
            for part in parts:
                if f"{key}.{part}" not in CATALOGUE:
                    out.append(f"{where}: '{key}.{part}' is not in the catalogue")
            for k in [key, *(f"{key}.{p}" for p in parts)]:
                entry = CATALOGUE.get(k, {})
                if k in CATALOGUE and (not entry.get("en") or not entry.get("zh")
                                       or placeholders(entry["en"]) != placeholders(entry["zh"])):
                    out.append(f"{where}: '{k}' is not written alike in English and Chinese")
    return out


def test_the_keys_made_from_values_are_all_there() -> None:
    # Keys that an f-string builds from a vocabulary: every value of it has its entry.
    for kind in INPUT_TYPES:
        if kind != "text":
            assert {f"error.mapping.default.{kind}{p}" for p in ("", ".expected", ".todo")} <= CATALOGUE.keys(), kind
    for what in ("currency", "country"):
        for said in ("not_code", "no_column", "unknown_keys", "value_not_code"):
            assert f"error.spec.{what}.{said}.todo" in CATALOGUE
    for said in ("fix", "column", "group_by", "grouped", "date_plus", "text"):
        assert f"error.mapping.sql.{said}.todo" in CATALOGUE
    for what in ("lines", "rows", "sheet"):
        assert f"error.input.rows.{what}" in CATALOGUE
    for name in ("comma", "tab", "semicolon", "pipe"):
        assert f"error.input.delimiter.{name}" in CATALOGUE
    assert Said("error.input.rows.sheet", {"sheet": "S"}).key in CATALOGUE


def test_the_check_sees_an_error_without_a_key() -> None:
    call = ast.parse('InputError(path, "odd", expected="x", todo="y")').body[0].value
    assert {k.arg for k in call.keywords} == {"expected", "todo"}
    assert _key_patterns(ast.parse('f"error.mapping.sql.{said}"').body[0].value)[0].fullmatch("error.mapping.sql.fix")
    assert _missing("x", [re.compile(r"error\.input\.nope")], ()) == ["x: no catalogue key matches error\\.input\\.nope"]
    assert CJK.search(CATALOGUE["error.input.empty"]["zh"])


# -- the engine's errors: a run that holds a lock, the configuration, a month, the workbook ------

def test_a_second_ingest_is_told_in_chinese_which_run_holds_the_lock(root: Path, capsys: pytest.CaptureFixture) -> None:
    import os

    from storebook.engine import locks
    from storebook.ingest.pipeline import LOCK

    lock = root / "data" / "processed" / LOCK
    with locks.hold(lock, "ingest", said=Said("error.busy.what.ingest", {})):
        since = json.loads(lock.with_name(lock.name + ".json").read_text(encoding="utf-8"))["started_at"][11:16]
        en = _stop(capsys, "ingest")
        zh = _stop(capsys, "ingest", "--lang", "zh")
    assert f"storebook ingest: another ingest is running since {since}, pid {os.getpid()}. Nothing was changed: " \
           f"wait for it to finish, or run again with --wait SECONDS to wait for it (the lock is {lock}; " in en, en
    assert zh == f"storebook ingest: 另一个导入任务正在运行，开始于 {since}，pid {os.getpid()}。未作任何改动：请等它结束，" \
                 f"或加上 --wait SECONDS 重新运行以等待它（锁文件为 {lock}；该进程结束时系统会自动释放它）\n", zh


def test_a_report_lock_held_elsewhere_is_said_in_chinese_with_the_wait(tmp_path: Path) -> None:
    from filelock import FileLock

    from storebook.engine import locks
    from storebook.report import packs

    lock = packs.lock_path(tmp_path, "2026-10", "zh")
    lock.parent.mkdir(parents=True)
    other = FileLock(str(lock))
    other.acquire()  # a holder that has not yet written who it is
    try:
        with pytest.raises(locks.BusyError) as caught:
            with locks.hold(lock, "report for 2026-10 (zh)", 0.3, said=packs.lock_said("2026-10", "zh")):
                pass
        zh = caught.value.said(Text("zh"))
        assert str(caught.value).startswith("another report for 2026-10 (zh) is running (it has just started and not "
                                            "yet said which process it is) (waited 0.3 s). Nothing was changed")
        assert zh.startswith("另一个 2026-10（zh）的报告任务正在运行（它刚刚启动，尚未写明是哪个进程）（已等待 0.3 秒）。"
                             "未作任何改动"), zh
        # A holder on another machine (a shared outputs folder) is named with its host.
        lock.with_name(lock.name + ".json").write_text(json.dumps(
            {"pid": 4321, "host": "shop-server-2", "started_at": "2026-11-02T09:15:00"}), encoding="utf-8")
        with pytest.raises(locks.BusyError) as caught:
            with locks.hold(lock, "report for 2026-10", said=packs.lock_said("2026-10")):
                pass
        assert str(caught.value).startswith("another report for 2026-10 is running since 2026-11-02 09:15, pid 4321 "
                                            "on shop-server-2. Nothing was changed")
        assert caught.value.said(Text("zh")).startswith(
            "另一个 2026-10 的报告任务正在运行，开始于 2026-11-02 09:15，pid 4321，在 shop-server-2 上。未作任何改动"), \
            caught.value.said(Text("zh"))
    finally:
        other.release()


def test_a_bad_configuration_stops_in_chinese_naming_the_file_and_the_settings(
        root: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    local = root / "storebook.local.toml"
    local.write_text('[store]\nplatforms = ["tmall", "Big Shop"]\n[engine]\nmemory_limt = "2GB"\n', encoding="utf-8")
    en = _stop(capsys, "ingest")
    zh = _stop(capsys, "ingest", "--lang", "zh")
    assert f"storebook ingest: {local}: [store] platforms item 2: String should match pattern " in en, en
    assert "(got 'Big Shop'); [engine] memory_limt is not a setting: did you mean 'memory_limit'? (remove it, or " \
           "check its spelling). Fix the file (the settings are listed in the storebook.toml that ships with " \
           "storebook).\n" in en, en
    assert zh.startswith(f"storebook ingest: {local}：[store] platforms 第 2 项：String should match pattern "), zh
    assert zh.endswith("（实际为 'Big Shop'）；[engine] memory_limt 不是一个设置项：是否想写 'memory_limit'？"
                       "（请删除它，或检查拼写）。请修正该文件（所有设置项都列在 storebook 自带的 storebook.toml 中）。\n"), zh

    local.unlink()
    monkeypatch.setenv("STOREBOOK_PROCESSED", "s3a://lake/storebook/processed")
    zh = _stop(capsys, "ingest", "--lang", "zh")
    assert zh == "storebook ingest: 处理后的数据被设为数据湖 s3a://lake/storebook/processed，而导入只写入本地文件夹：" \
                 "请将 STOREBOOK_PROCESSED（或 storebook.toml 中的 paths.processed）设为一个本地文件夹后再导入，" \
                 "然后把该文件夹复制到数据湖\n", zh
    monkeypatch.delenv("STOREBOOK_PROCESSED")

    local.write_text("[store\nname = 'x'\n", encoding="utf-8")
    zh = _stop(capsys, "ingest", "--lang", "zh")
    assert zh.startswith(f"storebook ingest: {local}：不是有效的 TOML（") and zh.endswith(
        "）。请修正该文件，或从 git 恢复它。\n"), zh


@pytest.mark.parametrize("key, where, length, alternative", [
    ("short", "环境变量 STOREBOOK_HASH_KEY 中的", "只有 5 个字符", "或取消设置 STOREBOOK_HASH_KEY，由 storebook 自动生成一个"),
    ("", "环境变量 STOREBOOK_HASH_KEY 中的", "为空", "或取消设置 STOREBOOK_HASH_KEY"),
    (None, "key 中的", "只有 1 个字符", "或删除该文件，由 storebook 自动生成一个新密钥（客户假名随后会在下一次 "
                                        "`storebook ingest --force` 时改变）"),
])
def test_a_hash_key_too_short_is_said_in_chinese(root: Path, monkeypatch: pytest.MonkeyPatch, key: str | None,
                                                 where: str, length: str, alternative: str) -> None:
    from storebook.engine.config import Config, ConfigError

    config = Config.load(root)
    if key is None:  # the key file, one character long
        monkeypatch.delenv("STOREBOOK_HASH_KEY")
        path = root / config.settings["privacy"]["key_file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("k\n", encoding="utf-8")
    else:
        monkeypatch.setenv("STOREBOOK_HASH_KEY", key)
    with pytest.raises(ConfigError) as caught:
        config.hash_key()
    zh = caught.value.said(Text("zh"))
    assert f"{where}客户 ID 哈希密钥{length}；它至少需要 32 个随机字符。请用 python -c " in zh, zh
    assert alternative in zh, zh


def test_a_month_that_is_not_one_is_said_in_chinese(capsys: pytest.CaptureFixture) -> None:
    from storebook.engine import periods

    for month in ("2026-13", "Oct 2026"):
        with pytest.raises(periods.PeriodError) as caught:
            periods.month(month)
        assert str(caught.value) == f"'{month}' is not a month; write it as YYYY-MM, for example 2026-10"
        assert cli._said(caught.value, "zh") == f"'{month}' 不是一个月份；请写成 YYYY-MM，例如 2026-10"


def test_the_workbook_s_errors_are_said_in_chinese(tiny: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture) -> None:
    import storebook
    from storebook.engine import generations
    from storebook.ingest import ingest

    ingest()
    wb = storebook.open()
    zh = Text("zh")
    with pytest.raises(StorebookError) as caught:
        wb.table("order")
    assert caught.value.said(zh) == "'order' 不是标准数据表；数据表有：suppliers, products, platform_fees, promotions, orders, " \
        "order_lines, shipments, returns, service_tickets, traffic, marketing_spend, competitor_prices, " \
        "purchase_orders, inventory, targets, store_ratings, product_traffic, listing_changes, campaign_holdouts"
    with pytest.raises(StorebookError) as caught:
        wb.platforms(["tmall", "amazon", "ebay"])
    assert caught.value.said(zh) == "未知的平台 amazon, ebay；工作簿已知的平台为 tmall, jd, douyin, web"
    with pytest.raises(StorebookError) as caught:
        storebook.open(backend="duckdbx")
    assert caught.value.said(zh) == "未知的后端 'duckdbx'；请使用 'duckdb'、'spark' 或 Spark master URL"
    generation = wb.data_dir
    monkeypatch.setenv("STOREBOOK_PROCESSED", str(generation))
    with pytest.raises(StorebookError) as caught:
        generations.check_writable(generation)
    assert caught.value.said(zh).startswith(f"{generation} 是 {tiny / 'data' / 'processed'} 中处理后数据的一个版本，"), \
        caught.value.said(zh)
    assert _stop(capsys, "ingest", "--lang", "zh") == (
        f"storebook ingest: {generation} 是 {tiny / 'data' / 'processed'} 中处理后数据的一个版本，只有该文件夹自己的导入"
        f"才会写入它：请将处理后数据的路径（STOREBOOK_PROCESSED 或 [paths] processed）设为 {tiny / 'data' / 'processed'} "
        "本身，或设为一个单独的文件夹\n")


def test_every_raise_of_an_engine_error_names_its_key() -> None:
    # A StorebookError the engine raises without a key reaches a Chinese reader in English; so
    # does any of ENGINE_ERRORS wherever it is raised (a report request's too).
    unkeyed = []
    for path in sorted(LIB.rglob("*.py")):
        names = ("StorebookError", *ENGINE_ERRORS) if path.parent.name == "engine" else ENGINE_ERRORS
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in names \
                    and not any(k.arg == "key" for k in node.keywords):
                unkeyed.append(f"{path.relative_to(LIB)}:{node.lineno}")
    assert unkeyed == []
