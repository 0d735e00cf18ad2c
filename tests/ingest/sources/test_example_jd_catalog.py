"""The jd_catalog example (examples/jd_catalog/): a JD.com product crawl whose `info` field
packs the page's specs (`品牌：…;上架时间：…;类别：…`) → products. A fixture written here in
the published layout (jd_id, title, info, img_url) with the values worked out by hand, and
the public file of ../shared/realdata, whose figures the test computes on its own with
Python's csv module."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import storebook
from storebook.errors import NoDataError
from support.mapping import install, put, realdata_folder
from support.sources import assert_reconciles, manifest, rejected, run, table

FOLDER = "jd_product_catalog_brand_data"

#: A page whose info was saved as GBK bytes and read back as Latin-1, as two rows of the
#: public file are (`ÉÌÆ·Ãû³Æ£º…`): no key of it can be read.
GARBLED = ("商品名称：HTCT328w;商品编号：651176;品牌：HTC;上架时间：2013-03-18 14:47:27;商品毛重：280.00g;"
           "商品产地：中国大陆").encode("gbk").decode("latin-1")

FIXTURE = "\n".join([
    "jd_id,title,info,img_url",
    # row 2: 类别 gives the category; the brand as JD writes it
    "649260,植村秀胭脂,商品名称：植村秀胭脂;商品编号：649260;品牌：植村秀（Shu-uemura）;上架时间：2013-10-14 19:49:21;"
    "商品毛重：10.00g;商品产地：日本;类别：单色腮红,http://img10.360buyimg.com/n1/a.jpg",
    # row 3: no 类别, 分类 gives it
    "649261,兔兔奶瓶,商品名称：兔兔奶瓶;商品编号：649261;品牌：爱婴缔（TUTU）;上架时间：2014-02-10 10:51:19;"
    "商品毛重：300.00g;商品产地：中国大陆;材质：玻璃;分类：手柄奶瓶,http://img11.360buyimg.com/n1/b.jpg",
    # row 4: row 2 again, as the crawl lists four products twice
    "649260,植村秀胭脂,商品名称：植村秀胭脂;商品编号：649260;品牌：植村秀（Shu-uemura）;上架时间：2013-10-14 19:49:21;"
    "商品毛重：10.00g;商品产地：日本;类别：单色腮红,http://img10.360buyimg.com/n1/a.jpg",
    # row 5: 填充物类别 is not 类别: no category
    "650100,舒馨佳枕头,商品名称：舒馨佳枕头;商品编号：650100;品牌：舒馨佳;上架时间：2013-08-01 09:00:00;"
    "商品毛重：900.00g;商品产地：中国大陆;填充物类别：磁疗,http://img12.360buyimg.com/n1/c.jpg",
    # row 6: 类别 before 类型
    "650200,高露洁牙膏,商品名称：高露洁牙膏;商品编号：650200;品牌：高露洁（Colgate）;上架时间：2013-05-02 08:00:00;"
    "商品毛重：200.00g;商品产地：中国大陆;类别：牙膏套装;类型：牙膏,http://img12.360buyimg.com/n1/d.jpg",
    # row 7: 类型 alone
    "650300,舒馨佳双人床单四件套,商品名称：舒馨佳双人床单四件套;商品编号：650300;品牌：舒馨佳;上架时间：2013-06-03 10:00:00;"
    "商品毛重：2000.00g;商品产地：中国大陆;类型：四件套,http://img12.360buyimg.com/n1/e.jpg",
    # row 8: 品类 alone
    "650400,三星UA40EH5080R,商品名称：三星UA40EH5080R;商品编号：650400;品牌：三星（SAMSUNG）;上架时间：2012-09-09 12:00:00;"
    "商品毛重：15000.00g;商品产地：中国大陆;品类：LED电视（主流）,http://img12.360buyimg.com/n1/f.jpg",
    # row 9: brand 其它 (no brand), no category key
    "650500,众观博览立体显示屏,商品名称：众观博览立体显示屏;商品编号：650500;品牌：其它;上架时间：2013-01-05 00:00:00;"
    "商品毛重：5000.00g;商品产地：中国大陆,http://img12.360buyimg.com/n1/g.jpg",
    # row 10: a quoted title with a comma and a trailing space; 款式 is not a category
    '650600,"卡文克莱单肩包, 黑色 ",商品名称：卡文克莱单肩包;商品编号：650600;品牌：卡文克莱（Calvin Klein）;'
    "上架时间：2013-11-11 11:11:11;商品毛重：600.00g;商品产地：中国大陆;款式：单肩包,http://img12.360buyimg.com/n1/h.jpg",
    # row 11: an empty info
    "650700,萃华金店女戒,,http://img12.360buyimg.com/n1/i.jpg",
    # row 12: garbled info
    f"651176,HTCT328w,{GARBLED},http://img11.360buyimg.com/n1/j.jpg",
    # row 13: a listing day that does not exist
    "650800,维氏瑞士军刀,商品名称：维氏瑞士军刀;商品编号：650800;品牌：维氏（VICTORINOX）;上架时间：2013-02-30 10:00:00;"
    "类别：军刀,http://img12.360buyimg.com/n1/k.jpg",
    # row 14: no jd_id
    ",无编号商品,商品名称：无编号商品;品牌：舒馨佳;上架时间：2013-02-03 10:00:00;类别：枕芯,http://img12.360buyimg.com/n1/l.jpg",
]) + "\n"

#: sku → (product_name, brand, category, launched_on), worked out by hand from FIXTURE.
EXPECTED = {
    "649260": ("植村秀胭脂", "植村秀（Shu-uemura）", "单色腮红", date(2013, 10, 14)),
    "649261": ("兔兔奶瓶", "爱婴缔（TUTU）", "手柄奶瓶", date(2014, 2, 10)),
    "650100": ("舒馨佳枕头", "舒馨佳", None, date(2013, 8, 1)),
    "650200": ("高露洁牙膏", "高露洁（Colgate）", "牙膏套装", date(2013, 5, 2)),
    "650300": ("舒馨佳双人床单四件套", "舒馨佳", "四件套", date(2013, 6, 3)),
    "650400": ("三星UA40EH5080R", "三星（SAMSUNG）", "LED电视（主流）", date(2012, 9, 9)),
    "650500": ("众观博览立体显示屏", None, None, date(2013, 1, 5)),
    "650600": ("卡文克莱单肩包, 黑色", "卡文克莱（Calvin Klein）", None, date(2013, 11, 11)),
    "650700": ("萃华金店女戒", None, None, None),
    "651176": ("HTCT328w", None, None, None),
}


def _none(value: object) -> object:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _day(value: object) -> date | None:
    return None if _none(value) is None else pd.Timestamp(value).date()


def _counts(root: Path) -> dict[tuple[str, str], tuple[int, int, int]]:
    return {(Path(f["path"]).name, f["table"]): (f["rows_read"], f["rows_written"], f["rows_rejected"])
            for f in manifest(root)["files"]}


def test_jd_catalog_fixture(root: Path) -> None:
    install(root, "jd_catalog", [])
    put(root, "exports/jd_data_1.csv", FIXTURE)
    run(root)
    assert _counts(root) == {("jd_data_1.csv", "products"): (13, 10, 3)}
    products = table(root, "products").set_index("sku")
    got = {sku: (row["product_name"], _none(row["brand"]), _none(row["category"]), _day(row["launched_on"]))
           for sku, row in products.iterrows()}
    assert got == EXPECTED
    # The crawl has no price, cost, shop or status; the image URL is no product column.
    assert products[["list_price", "unit_cost", "supplier_id", "is_active"]].isna().all().all()
    # Each rejected row with its true reason: a second copy, a day that does not exist, no id.
    rej = rejected(root, "products").set_index("source_row")
    assert sorted(rej.index) == [4, 13, 14]
    assert rej.loc[4, "reason"] == "duplicate key (sku=649260); first seen in data/raw/exports/jd_data_1.csv row 2"
    assert rej.loc[13, ["column", "value"]].tolist() == ["launched_on", "2013-02-30"]
    assert "is not a date" in rej.loc[13, "reason"] and "source 'jd_catalog'" in rej.loc[13, "reason"]
    assert rej.loc[14, "column"] == "sku" and "is empty" in rej.loc[14, "reason"]
    assert_reconciles(root)
    # A catalogue alone has no month to report (no dated table): the pack is not made, and
    # `storebook report` stops with this message before any notebook runs.
    with pytest.raises(NoDataError, match="holds no dated rows") as caught:
        storebook.open(root=root).last_complete_month()
    # ... and says what the workbook does hold.
    assert "; it holds products only, which date no month to report:" in str(caught.value)


def _specs(info: str) -> dict[str, str]:
    """The `key：value` pairs of an info field (the first of a key), as the page lists them."""
    pairs: dict[str, str] = {}
    for part in info.split(";"):
        key, sep, value = part.partition("：")
        if sep:
            pairs.setdefault(key, value)
    return pairs


def test_jd_catalog_real_file(root: Path) -> None:
    folder = realdata_folder(FOLDER)
    path = folder / "jd_data_1.csv"
    install(root, "jd_catalog", [path])
    run(root)
    # The file as Python's csv module reads it: the first row of each jd_id is the product.
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    first: dict[str, dict[str, str]] = {}
    for row in rows:
        first.setdefault(row["jd_id"], row)
    assert (len(rows), len(first)) == (1463, 1459)
    assert _counts(root) == {("jd_data_1.csv", "products"): (len(rows), len(first), len(rows) - len(first))}
    rej = rejected(root, "products")
    assert rej["reason"].str.startswith("duplicate key (sku=").all()
    assert sorted(rej["value"]) == ["649354", "649355", "649549", "649550"]

    products = table(root, "products").set_index("sku")
    specs = {sku: _specs(row["info"]) for sku, row in first.items()}
    brands = {sku: s["品牌"] for sku, s in specs.items() if s.get("品牌") and s["品牌"] != "其它"}
    assert len(brands) == 1456  # 1,459 products: 2 garbled infos, 1 brand 其它
    assert products["brand"].dropna().to_dict() == brands
    categories = {sku: next(s[k] for k in ("类别", "分类", "品类", "类型") if s.get(k))
                  for sku, s in specs.items() if any(s.get(k) for k in ("类别", "分类", "品类", "类型"))}
    assert len(categories) == 874
    assert products["category"].dropna().to_dict() == categories
    launched = {sku: date.fromisoformat(s["上架时间"][:10]) for sku, s in specs.items() if "上架时间" in s}
    assert len(launched) == 1457
    assert {sku: _day(v) for sku, v in products["launched_on"].dropna().items()} == launched
    assert products.loc["649260", ["product_name", "brand", "category"]].tolist() == ["植村秀胭脂", "植村秀（Shu-uemura）", "单色腮红"]
    # The two rows whose info is GBK read as Latin-1: kept with their id and title only.
    garbled = products.loc[["651176", "651231"]]
    assert garbled["product_name"].tolist() == ["HTCT328w", "iKlearIK-SP12"]
    assert garbled[["brand", "category", "launched_on"]].isna().all().all()
    # Titles are kept as written, less the trailing space 78 of them carry.
    assert products["product_name"].to_dict() == {sku: row["title"].strip() for sku, row in first.items()}
    assert_reconciles(root)
