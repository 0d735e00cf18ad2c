"""storebook.ingest.zones: a store whose zone nobody set is read in the zone its exports show."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from storebook.engine.config import Config
from storebook.engine.identity import write_local_settings
from storebook.ingest import zones
from support.mapping import realdata_folder
from support.sources import FIXTURES, manifest, run, table

#: Two Shopify rows of a shop in New York: May is daylight time (-04:00), January is not (-05:00).
NEW_YORK = (b"Name,Created at,Total\n"
            b"#1,2025-05-11 09:55:16 -0400,10.00\n"
            b"#2,2025-01-05 23:30:00 -0500,12.00\n")


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_offsets_are_read_as_moments_in_utc(tmp_path: Path) -> None:
    orders = _file(tmp_path, "orders.csv", NEW_YORK)
    found = zones.read_offsets([orders])
    # 09:55:16 at -04:00 is 13:55:16 UTC; 23:30 at -05:00 is 04:30 UTC the next day.
    assert set(found[orders]) == {(datetime(2025, 5, 11, 13, 55, 16), -240), (datetime(2025, 1, 6, 4, 30), -300)}


def test_utc_suffixes_workbooks_and_plain_times_are_no_evidence(tmp_path: Path) -> None:
    files = [_file(tmp_path, "ga.csv", b"ts\n2025-05-11T09:55:16Z\n2025-05-11 09:55:16\n"),
             _file(tmp_path, "report.xlsx", NEW_YORK)]  # not text: its bytes are never searched
    assert zones.read_offsets(files) == {}


@pytest.mark.parametrize("content", [
    b"id,at\n1,2025-05-11 09:55 +0800\n", b"id,at\n1,2025-05-11T09:55:16.250+02:00\n",
    b"id,at\n1,2025-05-11 09:55:16\t-0330\n", "店,时间\n江苏,2025-05-11 09:55:16+0800\n".encode("gb18030"),
])
def test_every_spelling_with_an_offset_passes_the_quick_search(tmp_path: Path, content: bytes) -> None:
    """The search for an offset alone, which lets files without one pass, finds each spelling."""
    path = _file(tmp_path, "times.csv", content)
    assert zones._OFFSET_TAIL.search(content) and len(zones.read_offsets([path])[path]) == 1


def test_plain_times_pass_the_quick_search_and_what_stops_it_is_read_in_full(tmp_path: Path) -> None:
    plain = b"id,at,on\n" + b"1,2026-06-01 00:00:01,2026-06-01\n" * 5000
    assert not zones._OFFSET_TAIL.search(plain)
    phones = plain + b"2,2026-06-01 00:00:01,2026-06-01,138-0000-5851\n"  # "-0000" stops it: no time before it
    assert zones._OFFSET_TAIL.search(phones)
    assert zones.read_offsets([_file(tmp_path, "plain.csv", plain), _file(tmp_path, "phones.csv", phones)]) == {}


@pytest.mark.parametrize(("moments", "zone"), [
    ([(datetime(2025, 5, 11, 13, 55), -240), (datetime(2025, 1, 6, 4, 30), -300)], "America/New_York"),
    # Paris: +01:00 in January, +02:00 in July; London would be +00:00/+01:00.
    ([(datetime(2025, 1, 10, 9, 0), 60), (datetime(2025, 7, 10, 9, 0), 120)], "Europe/Paris"),
    ([(datetime(2025, 7, 10, 9, 0), 60)], "Europe/London"),  # British summer time
    ([(datetime(2025, 7, 10, 9, 0), 480)], "Asia/Shanghai"),  # the configured zone explains it: kept
    ([(datetime(2025, 3, 1, 9, 0), 120), (datetime(2025, 3, 5, 9, 0), -300)], None),  # two shops' zones
])
def test_the_zone_is_the_one_whose_offset_is_written_at_every_moment(moments, zone) -> None:
    assert zones.zone_of(moments, "Asia/Shanghai") == zone


def test_a_zone_the_user_set_is_never_replaced(root: Path) -> None:
    raw = root / "data" / "raw" / "shopify"
    raw.mkdir(parents=True)
    files = [_file(raw, "orders_export.csv", NEW_YORK)]
    config, found = zones.with_found_zone(Config.load(root), files)
    assert (config.timezone, found.zone, found.offsets) == ("America/New_York", "America/New_York", ("-04:00", "-05:00"))
    (root / "storebook.local.toml").write_text('[store]\ntimezone = "Asia/Shanghai"\n', encoding="utf-8")
    assert zones.with_found_zone(Config.load(root), files) == (Config.load(root), None)


def test_forezia_orders_fall_on_the_shops_own_days(root: Path) -> None:
    # The real Shopify export writes -0400: read in the shipped Asia/Shanghai, #1001 at 09:55 in
    # the morning became 21:55; an order after noon moved to the next day.
    folder = realdata_folder("shopify_orders_forezia-mock-data")
    (root / "data" / "raw" / "shopify").mkdir(parents=True)
    shutil.copy(folder / "orders_export.csv", root / "data" / "raw" / "shopify" / "orders_export.csv")
    report = run(root)
    orders = table(root, "orders").set_index("order_id")
    assert orders.loc["#1001", "ordered_at"] == pd.Timestamp("2025-05-11 09:55:16")
    assert any("America/New_York" in note and "-04:00" in note for note in report.notes)
    store = manifest(root)["store"]
    assert store["timezone"] == "America/New_York" and "orders_export.csv" in store["timezone_found"]
    # The first ingest writes the zone into storebook.local.toml: from then on it is the user's.
    write_local_settings(Config.load(root), manifest(root))
    assert Config.load(root).timezone == "America/New_York" and zones.zone_is_set(Config.load(root))
    again = run(root)
    assert again.skipped and again.notes == []  # same zone, same data: nothing to redo


def test_forezia_in_the_zone_the_user_chose(root: Path) -> None:
    folder = realdata_folder("shopify_orders_forezia-mock-data")
    (root / "data" / "raw" / "shopify").mkdir(parents=True)
    shutil.copy(folder / "orders_export.csv", root / "data" / "raw" / "shopify" / "orders_export.csv")
    (root / "storebook.local.toml").write_text('[store]\ntimezone = "Asia/Shanghai"\n', encoding="utf-8")
    report = run(root)
    assert table(root, "orders").set_index("order_id").loc["#1001", "ordered_at"] == pd.Timestamp("2025-05-11 21:55:16")
    assert report.notes == [] and "timezone" not in manifest(root)["store"]


def test_a_store_with_a_chinese_platforms_exports_keeps_china_days(root: Path) -> None:
    # Tmall's order export writes China time without an offset: a Shopify shop beside it does
    # not move the store's days to New York.
    folder = realdata_folder("shopify_orders_forezia-mock-data")
    (root / "data" / "raw" / "shopify").mkdir(parents=True)
    shutil.copy(folder / "orders_export.csv", root / "data" / "raw" / "shopify" / "orders_export.csv")
    tmall = root / "data" / "raw" / "tmall" / "订单报表_2025-03.csv"
    tmall.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "tmall" / tmall.name, tmall)
    config = Config.load(root)
    files = [root / "data/raw/shopify/orders_export.csv", tmall]
    assert zones._sources_of(config, [tmall], zones._registry(config))[tmall][0] in zones.CHINA_TIME_SOURCES
    assert zones.with_found_zone(config, files) == (config, None)
