"""The report pack on the stores the worked examples make (examples/<name>/): each
declaration as published, its files ingested unchanged, and every notebook of the pack run
for the default month — no failed notebook, no traceback, a note where the store has no data.

Files: the fixtures in the published layouts (tests/fixtures/) and, where present, the real
public exports of ../shared/realdata (skipped with the reason where absent). The notebooks
run in this process (tests/support/notebooks.py) to keep the suite's time small."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from storebook.engine.config import Config
from support.mapping import allow_platform, install, realdata_folder
from support.packs import check_runs_clean, run_pack
from support.sources import assert_reconciles, run

PACK = Config.load(REPO).report_pack
FIXTURES = REPO / "tests" / "fixtures"

#: example → (its files: fixture paths, "examples/…" or "realdata:<folder>", a platform to add, the month the pack reports).
STORES: dict[str, tuple[list[str], str | None, str]] = {
    "online_retail": (["uci_online_retail/Online Retail.csv"], None, "2011-11"),
    "olist": ([f"olist/{p.name}" for p in sorted((FIXTURES / "olist").glob("*.csv"))], None, "2018-08"),
    "supply_chain": (["supply_chain/Supply chain logistics problem.xlsx"], None, "2013-05"),
    "qianchuan": (["examples/qianchuan/千川_计划数据_2026-10.csv"], None, "2026-10"),
    "taobao_behaviour": (["realdata:tianchi_userbehavior_clothes-shopping-website",
                          "realdata:tianchi_mobile_recommend_customer-conversion-funnel"], "taobao", "2017-11"),
    "competitor_prices": (["realdata:competitor_prices_taobao_Valuation-Method-Competition",
                           "realdata:competitor_prices_jd_jd-spider"], "taobao", "2021-05"),
    # Products and inventory only (price lists, stock report), the stock taken on 2022-05-31.
    "amazon_india": (["realdata:amazon_india_seller_reports_E-Commerce-Sales"], None, "2022-05"),
    # Units only: orders (one per user and day) whose amounts are unknown, lines and listings.
    "taobao_mum_baby": (["taobao_mum_baby/sam_tianchi_mum_baby_trade_history.csv",
                         "taobao_mum_baby/sam_tianchi_mum_baby.csv"], "taobao", "2014-10"),
    # The public files themselves where the example's own store above uses fixtures: the real
    # workbook (9,215 orders to plants), and Olist's real products and sellers beside the
    # orders and items fixtures (the real orders are too large to ship).
    "supply_chain (real)": (["realdata:logistics_supply_chain_SCM"], None, "2013-05"),
    "olist (real catalogue)": (["realdata:olist_partial_products_sellers", "olist/olist_orders_dataset.csv",
                                "olist/olist_order_items_dataset.csv"], None, "2018-08"),
}

#: Examples whose declaration reads its files from a named folder under data/raw.
FOLDERS = {"qianchuan": "qianchuan"}


def _files(spec: list[str]) -> list[Path]:
    files: list[Path] = []
    for item in spec:
        if item.startswith("realdata:"):
            files += sorted(p for p in realdata_folder(item.split(":", 1)[1]).iterdir() if p.is_file())
        elif item.startswith("examples/"):  # a file the example ships beside its declaration
            files.append(REPO / item)
        else:
            files.append(FIXTURES / item)
    return files


@pytest.mark.notebooks
@pytest.mark.parametrize("example", list(STORES))
def test_example_store_gives_a_clean_pack(example: str, root: Path) -> None:
    spec, platform, month = STORES[example]
    files = _files(spec)
    if platform:
        allow_platform(root, platform)
    # The folder the example's README names, else one of its own (never a canonical table's).
    install(root, example.split(" (")[0], files, folder=FOLDERS.get(example, "exports"))
    run(root)
    assert_reconciles(root)
    pack = run_pack(PACK, root / "data" / "processed", root)
    check_runs_clean(pack)
    assert pack["overview"]["results"]["overview.month"]["month"] == month
    ran = {s["status"] for name in PACK for s in pack[name]["results"][f"{name}.sections"]}
    assert ran - {"none"}, f"{example}: no section of the pack had data to run on"
