"""Store-rating exports (fixtures in the platforms' layouts, tests/fixtures/duties/): 生意参谋
店铺DSR (GBK, a title block, industry means beside each dimension, a day without a score) and
京东商智 店铺评分 (UTF-8 with BOM, out of 10) → store_ratings, one row per day × dimension."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO
from storebook.engine.config import Config
from storebook.engine.generations import resolve
from storebook.ingest import ingest

FIXTURES = REPO / "tests" / "fixtures" / "duties"
DSR = "生意参谋_店铺DSR_2026-09-01~2026-09-03.csv"
JD = "京东商智_店铺评分_202609.csv"


@pytest.fixture
def ingested(root: Path) -> tuple[dict, pd.DataFrame]:
    (root / "data" / "raw" / "ratings").mkdir(parents=True)
    for name in (DSR, JD):
        shutil.copy(FIXTURES / name, root / "data" / "raw" / "ratings" / name)
    ingest(Config.load(root))
    data = resolve(root / "data" / "processed").data
    return json.loads((data / "_ingest.json").read_text(encoding="utf-8")), pd.read_parquet(data / "store_ratings")


def test_each_day_and_dimension_is_one_row(ingested) -> None:
    record, table = ingested
    files = {Path(f["path"]).name: f for f in record["files"]}
    # 3 days × 3 dimensions less the day without a 描述相符 score; 2 days × 5 less one '-'
    assert (files[DSR]["source"], files[DSR]["rows_written"], files[DSR]["rows_rejected"]) == ("tmall_dsr", 8, 0)
    assert (files[JD]["source"], files[JD]["rows_written"], files[JD]["rows_rejected"]) == ("jd_shop_score", 9, 0)
    assert any("no score ('-')" in n for n in files[DSR]["notes"])
    tm = table[table.platform == "tmall"].assign(day=lambda d: pd.to_datetime(d.rated_on).dt.strftime("%Y-%m-%d"))
    assert sorted(tm.day.unique()) == ["2026-09-01", "2026-09-02", "2026-09-03"]  # three ways of writing a day
    row = tm[(tm.day == "2026-09-02") & (tm.dimension == "logistics")].iloc[0]
    assert (row.score, row.industry_score, row.day_score, row.day_ratings, row.score_max) == (4.7812, 4.75, 4.12, 980, 5.0)
    first = tm[(tm.day == "2026-09-01") & (tm.dimension == "logistics")].iloc[0]
    assert first.day_ratings == 1204  # "1,204"
    assert set(tm[tm.day == "2026-09-03"].dimension) == {"service", "logistics"}
    jd = table[table.platform == "jd"]
    assert set(jd.dimension) == {"overall", "product", "service", "logistics", "after_sales"}
    assert (jd.score_max == 10.0).all() and jd.industry_score.isna().all()
    assert jd[jd.dimension == "after_sales"].score.tolist() == [9.38]


def test_jd_item_report_over_a_week_is_one_row_per_sku(root: Path) -> None:
    name = "京东商智_商品明细_2026-09-01_2026-09-07.csv"
    (root / "data" / "raw" / "jd").mkdir(parents=True)
    shutil.copy(FIXTURES / name, root / "data" / "raw" / "jd" / name)
    ingest(Config.load(root))
    data = resolve(root / "data" / "processed").data
    rec = json.loads((data / "_ingest.json").read_text(encoding="utf-8"))["files"][0]
    assert (rec["source"], rec["rows_read"], rec["rows_written"], rec["rows_rejected"]) == ("jd_items", 3, 3, 0)
    t = pd.read_parquet(data / "product_traffic").set_index("item_id")
    first = t.loc["100012345678"]
    assert (first.sku, first.visitors, first.page_views, first.buyers, first.units) == ("SKN040", 1518, 3102, 61, 70)
    assert first.paid_amount == 14230.50 and first.platform == "jd"
    assert pd.Timestamp(first.visited_on) == pd.Timestamp("2026-09-01")
    assert pd.Timestamp(first.period_end_on) == pd.Timestamp("2026-09-07")  # from the title rows
    assert pd.isna(t.loc["100055555555", "sku"]) and t.loc["100055555555", "buyers"] == 0  # a gift: no SKU of ours
