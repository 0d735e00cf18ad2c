"""`storebook ingest` and `storebook rejected` speak English or 中文 (``--lang``, as `storebook report`),
on real exports: every line from the message catalogue, the numbers whole in both languages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import storebook
from storebook import cli
from support.mapping import install, realdata_folder

CJK = re.compile(r"[\u4e00-\u9fff]")


def _amazon_india(root: Path) -> Path:
    files = sorted(p for p in realdata_folder("amazon_india_seller_reports_E-Commerce-Sales").iterdir() if p.is_file())
    return install(root, "amazon_india", files)


def _run(capsys: pytest.CaptureFixture, *argv: str) -> list[str]:
    assert cli.main(list(argv)) == 0
    return capsys.readouterr().out.splitlines()


def test_the_ingest_summary_of_amazon_india_in_both_languages(root: Path, capsys: pytest.CaptureFixture) -> None:
    """The real seller reports: 21,130 rows read = 19,668 written + 1,462 rejected; the three
    commonest reasons (1,330 superseded prices, 47 + 47 empty SKUs) said in the summary's language."""
    _amazon_india(root)
    en = _run(capsys, "ingest", "--lang", "en")
    counts = next(line for line in en if line.startswith("ingest: 3 files"))
    assert ", 21,130 rows read = 19,668 written + 1,462 rejected in " in counts
    assert "  rejected products: 1,330 × superseded: sku=… is also in the newer export "\
           "data/raw/exports/May-2022.csv (as of …); the newest export wins" in en
    assert "  rejected inventory: 47 × column 'sku' is empty; a value is required" in en
    assert "  products               10,499 rows, 1,396 rejected" in en
    # The example declares the rupees (`currency: INR`): the currency is stated, so no hint about it.
    assert not any(line.startswith("hint:") and "currency" in line for line in en), en

    zh = _run(capsys, "ingest", "--force", "--lang", "zh")
    counts = next(line for line in zh if line.startswith("ingest：3 个文件"))
    assert "读取 21,130 行 = 写入 19,668 行 + 拒收 1,462 行" in counts  # whole numbers, not 2.11万
    rejected = [line for line in zh if line.startswith("  拒收 ")]
    assert rejected == [
        "  拒收 products：1,330 × 已被取代：sku=… 也在更新的导出文件 data/raw/exports/May-2022.csv（截至 …）中；以最新的导出为准",
        "  拒收 inventory：47 × 字段 'sku' 为空；此字段必须有值",
        "  拒收 products：47 × 字段 'sku' 为空；此字段必须有值"]
    assert "  products               10,499 行，拒收 1,396 行" in zh
    assert "  被拒收的行及其原因：data/processed 当前版本中的 _rejected/<table>.parquet（`storebook rejected` 可列出）" in zh
    assert not any("币种" in line for line in zh if line.startswith("提示："))
    assert storebook.open().identity().currency == "INR"
    # The files the declaration leaves out: named in Chinese, with why in the declaration's own words.
    assert ("ingest：未读取：data/raw/exports/Expense IIGF.csv：a petty-cash sheet (amounts received and expenses "
            "by item, June 2022, two tables side by side): no storebook table holds expenses outside shipping and "
            "marketing（按 storebook.sources.yaml 中的 `not_read:` 声明）") in zh
    assert [line for line in zh if not CJK.search(line)] == []  # every line is worded in Chinese
    assert not any("rows read" in line or "rejected " in line for line in zh)


def test_storebook_rejected_lists_amazon_indias_rows_in_both_languages(root: Path,
                                                                       capsys: pytest.CaptureFixture) -> None:
    _amazon_india(root)
    _run(capsys, "ingest")
    en = _run(capsys, "rejected", "--limit", "2")
    zh = _run(capsys, "rejected", "--limit", "2", "--lang", "zh")
    assert en[0] == "1,462 rejected rows; by reason:" and zh[0] == "共拒收 1,462 行；按原因："
    # The same seven kinds of reason, with the same rows, said in each language.
    counts = [(line[:10].strip(), line[12:28].strip()) for line in en[1:8]]
    assert counts == [("1,330", "products"), ("47", "inventory"), ("47", "products"), ("15", "inventory"),
                      ("15", "products"), ("4", "inventory"), ("4", "products")]
    assert [(line[:10].strip(), line[12:28].strip()) for line in zh[1:8]] == counts
    assert all(CJK.search(line[29:]) for line in zh[1:8]), zh[1:8]
    assert "        15  inventory        'sku' 为 #REF!，是电子表格错误（引用无效），不是有效值；请在导出文件中修正公式，" \
           "值未知时将单元格留空" in zh
    assert "         4  inventory        重复的键（snapshot_on=…, sku=…, warehouse=…）；保留现有库存最多的一行：" \
           "data/raw/exports/Sale Report.csv 第 … 行" in zh
    # The first rows: headed and explained in the language, the data's own values as they are.
    assert en[9] == "first rows:" and zh[9] == "前几行："
    assert en[10].split() == ["file", "row", "column", "value", "reason"]
    assert zh[10].split() == ["文件", "行号", "字段", "值", "原因"]
    assert zh[11].startswith("data/raw/exports/Sale Report.csv") and "#REF!" in zh[11] and "电子表格错误" in zh[11]
    assert _run(capsys, "rejected", "--table", "orders", "--lang", "zh") == ["上次导入没有被拒收的行"]


def test_folded_lines_and_a_currency_warning_in_chinese(root: Path, capsys: pytest.CaptureFixture) -> None:
    """A real Shopify shop: the Forezia orders export (EUR) and the Las-Lira products export,
    whose 181 image-only lines fold into their products (407 lines = 226 rows + 181)."""
    raw = root / "data" / "raw" / "shopify"
    raw.mkdir(parents=True)
    shutil.copy(realdata_folder("shopify_orders_forezia-mock-data") / "orders_export.csv", raw)
    shutil.copy(realdata_folder("shopify_products_Las-Lira") / "products_export_1.csv", raw)
    zh = _run(capsys, "ingest", "--lang", "zh")
    # The zone ingest chose from the orders' -04:00 (the first ingest writes it into storebook.local.toml).
    assert zh[0] == ("ingest：时间按导出文件所示的时区 America/New_York 读取（orders_export.csv 中的时间为 UTC -04:00）；"
                     "如需其他时区，请在 storebook.local.toml 中设置 [store] timezone")
    assert ("  data/raw/shopify/products_export_1.csv：共 407 行 = 读取数据 226 行（products）+ 181 行"
            "仅含图片的附加行（商品的其他图片），已并入其所接续的行") in zh
    assert any(line.startswith("警告：data/raw/shopify/products_export_1.csv 未标明币种") for line in zh), zh
    assert any(line.startswith("提示：店铺尚未命名") for line in zh)
    again = _run(capsys, "ingest", "--lang", "zh")  # nothing changed: said so, and the warning again
    assert any(line.startswith("ingest：原始文件自上次导入以来未变") for line in again), again
    assert any(line.startswith("警告：") for line in again)


def test_the_language_is_one_of_the_catalogues() -> None:
    from storebook.report.text import LANGUAGES

    for command in ("ingest", "rejected", "report"):
        with pytest.raises(SystemExit):
            cli.build_parser().parse_args([command, "--lang", "fr"])
        assert cli.build_parser().parse_args([command]).lang == "en"
        assert {cli.build_parser().parse_args([command, "--lang", lang]).lang for lang in LANGUAGES} == set(LANGUAGES)
