"""The real Tmall per-item export (生意参谋 商品效果 with 推广 columns) read as published.

The folder ``tmall_sycm_product_report_tmall-dashboard`` of the shared real data (located
by STOREBOOK_REALDATA or ``<project root>/../shared/realdata``) holds a weekly and a daily
xlsx whose period is only in the file name, a header with ``总推广花费`` twice (the second
with a trailing space) and 11–13-digit item ids. Ingest keeps every row (read = written,
nothing rejected), and the processed table's counts and amounts equal the file's, summed
independently here with openpyxl.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO, ingest_with_test_key, make_root

REALDATA = Path(os.environ.get("STOREBOOK_REALDATA") or REPO.parent / "shared" / "realdata")
FOLDER = REALDATA / "tmall_sycm_product_report_tmall-dashboard"
WEEK, DAY = "2026-04-20~2026-04-26", "2026-04-20~2026-04-20"


def _file_rows(path: Path) -> pd.DataFrame:
    """The file's data rows as openpyxl gives them (the first sheet, header in row 1)."""
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(c) for c in rows[0]]
    body = [r for r in rows[1:] if any(c not in (None, "") for c in r)]
    return pd.DataFrame(body, columns=range(len(header))).set_axis(header, axis=1)


def _number(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.astype(str).str.replace(",", "", regex=False).replace({"-": None}), errors="coerce")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, pd.DataFrame, dict[str, Path]]:
    if not FOLDER.is_dir():
        pytest.skip(f"the real Tmall per-item export is not here ({FOLDER}); set STOREBOOK_REALDATA")
    from storebook.engine.generations import resolve

    root = make_root(tmp_path_factory.mktemp("sycm") / "wb")
    target = root / "data" / "raw" / "tmall_items"
    target.mkdir(parents=True)
    files = {}
    for f in sorted(FOLDER.glob("*.xlsx")):
        shutil.copy(f, target / f.name)  # a copy in the test's own store: the shared folder is read-only
        files[WEEK if WEEK in f.name else DAY] = f
    ingest_with_test_key(root)
    import json

    data = resolve(root / "data" / "processed").data
    record = json.loads((data / "_ingest.json").read_text(encoding="utf-8"))
    table = pd.read_parquet(data / "product_traffic")
    return record, table, files, root


def _file_record(record: dict, period: str) -> dict:
    found = [f for f in record["files"] if period in f["path"]]
    assert len(found) == 1
    return found[0]


def test_every_row_is_kept_and_counted(ingested) -> None:
    record, table, files, _ = ingested
    for period, path in files.items():
        rec = _file_record(record, period)
        rows = _file_rows(path)
        assert rec["source"] == "tmall_items" and rec["table"] == "product_traffic"
        assert rec["rows_read"] == len(rows) == rec["rows_written"]
        assert rec["rows_rejected"] == 0
    assert (record_counts := {p: _file_record(record, p)["rows_read"] for p in files}) == {WEEK: 767, DAY: 503}
    assert len(table) == sum(record_counts.values())


def test_the_period_comes_from_the_file_name(ingested) -> None:
    _, table, _, _ = ingested
    week = table[table["period_end_on"].notna()]
    day = table[table["period_end_on"].isna()]
    assert (len(week), len(day)) == (767, 503)
    day_of = lambda s: set(pd.to_datetime(s).dt.strftime("%Y-%m-%d"))  # noqa: E731
    assert day_of(week["visited_on"]) == {"2026-04-20"} and day_of(week["period_end_on"]) == {"2026-04-26"}
    assert day_of(day["visited_on"]) == {"2026-04-20"}
    assert set(table["platform"]) == {"tmall"}


def test_the_weeks_listings_cover_the_week(ingested) -> None:
    """The span ingest records runs to the week's last day, and April is reported as the 7 days
    20–26 Apr (before: "the data cover 20 Apr to 20 Apr only, 1 of the month's 30 days")."""
    import storebook
    from storebook.engine import availability

    record, _, _, root = ingested
    assert record["tables"]["product_traffic"]["span"] == ["2026-04-20", "2026-04-26"]
    choice = availability.resolve_month(storebook.open(root / "data" / "processed"), "2026-04")
    assert (choice.first_day.isoformat(), choice.last_day.isoformat(), choice.days) == ("2026-04-20", "2026-04-26", 7)


def test_counts_amounts_and_item_ids_equal_the_file(ingested) -> None:
    _, table, files, _ = ingested
    for period, path in files.items():
        rows = _file_rows(path)
        mine = table[table["period_end_on"].notna() == (period == WEEK)]
        ids = rows["商品ID"].astype(str).str.strip()
        assert ids.str.fullmatch(r"\d{11,13}").all() and ids.str.len().max() >= 12  # kept whole, as text
        assert sorted(mine["item_id"]) == sorted(ids)
        by_id = mine.set_index("item_id")
        for source, column in (("访客数", "visitors"), ("浏览量", "page_views"), ("支付人数", "buyers"),
                               ("支付件数", "units"), ("收藏人数", "favourites"), ("加购件数", "cart_adds")):
            assert int(by_id[column].sum()) == int(_number(rows[source]).sum()), (period, source)
        for source, column in (("支付金额", "paid_amount"), ("退款金额", "refund_amount"),
                               ("总推广花费", "ad_spend_amount")):
            assert float(by_id[column].sum()) == pytest.approx(float(_number(rows[source]).sum()), abs=0.01), source
        # one listing, cell by cell: the first row of the file
        first = rows.iloc[0]
        row = by_id.loc[str(first["商品ID"]).strip()]
        assert row["visitors"] == int(_number(pd.Series([first["访客数"]])).iloc[0])
        assert float(row["ad_spend_amount"]) == pytest.approx(float(_number(pd.Series([first["总推广花费"]])).iloc[0]))
    # the daily file writes 商品类目 as '-': unknown, not a category called '-'
    day = table[table["period_end_on"].isna()]
    assert "-" not in set(day["platform_category"].dropna())


def test_the_months_listings_are_the_week_that_holds_the_day(ingested) -> None:
    """The week's report (20–26 Apr) holds the day's (20 Apr): the month's listings are the
    week's, for all its listings, as the file sums them (before: the day for the 503
    listings the daily report names and the week for the other 264 — 15,639 visitors)."""
    import storebook

    _, _, files, root = ingested
    week = _file_rows(files[WEEK])
    wb = storebook.open(root / "data" / "processed")
    listings = storebook.store_ops.summarise_listings(wb, wb.period("2026-04"))
    assert len(listings) == len(week)
    assert int(listings["visitors"].sum()) == int(_number(week["访客数"]).sum())
    assert int(listings["buyers"].sum()) == int(_number(week["支付人数"]).sum())
    assert float(listings["paid_amount"].sum()) == pytest.approx(float(_number(week["支付金额"]).sum()), abs=0.01)


def test_the_listings_ad_spend_is_the_weeks_as_the_file_sums_it(ingested) -> None:
    """The store-operations page's ad-spend section reads the week's 总推广花费 (the first of the
    two columns of that name), each listing once: the spend, the listings that spent and what
    they sold are the file's own sums."""
    import storebook

    _, _, files, root = ingested
    week = _file_rows(files[WEEK])
    spend = _number(week.iloc[:, list(week.columns).index("总推广花费")])
    wb = storebook.open(root / "data" / "processed")
    ads = storebook.store_ops.listing_ad_spend(wb, wb.period("2026-04"))
    assert len(ads) == int((spend > 0).sum())
    assert float(ads["ad_spend_amount"].sum()) == pytest.approx(float(spend[spend > 0].sum()), abs=0.01)
    sold = _number(week["支付金额"])[spend > 0]
    assert float(ads["paid_amount"].fillna(0).sum()) == pytest.approx(float(sold.fillna(0).sum()), abs=0.01)
    assert ads["ad_spend_amount"].is_monotonic_decreasing and ads["share_of_ad_spend"].sum() == pytest.approx(1.0)
