"""The store describes itself: name, currency and platforms from the configuration, else
from the data — never the sample store's identity on a store that is not the sample."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

import storebook
from conftest import write_csv
from storebook import cli
from storebook.engine.config import Config
from storebook.engine.identity import identify, read_store_file
from storebook.ingest import ingest
from storebook.report.text import Text, format_money, use_currency

ORDER = {"order_id": "#1", "platform": "web", "ordered_at": "2025-03-02 10:00:00", "paid_at": "2025-03-02 10:05:00",
         "status": "paid", "paid_amount": "100.00"}


def _ingest(root: Path) -> dict:
    ingest(Config.load(root), now=datetime(2026, 11, 27))
    return storebook.open().ingest_manifest()


def test_a_store_that_is_not_the_sample_is_not_named_after_it(root: Path) -> None:
    write_csv(root, "orders", "orders.csv", [ORDER, {**ORDER, "order_id": "#2", "platform": "jd"}])
    manifest = _ingest(root)
    assert manifest["store"] == {"platforms": ["jd", "web"]}
    who = identify(Config.load(root), manifest)
    assert (who.title("en"), who.title("zh"), who.currency) == ("Your store", "本店", "CNY")
    # The platforms reported are the configured ones the data holds, in the configuration's order.
    assert who.platforms == ["jd", "web"] and storebook.open().platforms() == ["jd", "web"]
    assert "Lumen" not in json.dumps(manifest)


def test_the_store_file_names_the_store_and_the_configuration_wins(root: Path) -> None:
    write_csv(root, "orders", "orders.csv", [ORDER])
    (root / "data/raw/_store.json").write_text(json.dumps({"name": "Forezia", "currency": "EUR"}), encoding="utf-8")
    manifest = _ingest(root)
    assert read_store_file(root / "data/raw") == {"name": "Forezia", "currency": "EUR"}
    who = identify(Config.load(root), manifest)
    assert (who.title("en"), who.title("zh"), who.currency) == ("Forezia", "Forezia", "EUR")
    (root / "storebook.local.toml").write_text('[store]\nname = "Forezia Home"\nname_zh = "福瑞家居"\n',
                                               encoding="utf-8")
    who = identify(Config.load(root), manifest)
    assert (who.title("en"), who.title("zh"), who.currency) == ("Forezia Home", "福瑞家居", "EUR")


def test_the_first_ingest_writes_the_local_settings_and_hints_at_the_name(root: Path,
                                                                          capsys: pytest.CaptureFixture) -> None:
    write_csv(root, "orders", "orders.csv", [ORDER])
    assert cli.main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert "wrote storebook.local.toml" in out and "hint: the store has no name yet" in out
    text = (root / "storebook.local.toml").read_text(encoding="utf-8")
    assert '# name = "My Shop"' in text and '# platforms found in the data: ["web"]' in text
    Config.load(root)  # what it wrote is a valid configuration
    assert cli.main(["init"]) == 0  # never overwrites what the user has edited
    assert "already exists" in capsys.readouterr().out


def test_amounts_are_shown_in_the_store_currency() -> None:
    try:
        use_currency("EUR")
        assert format_money(-1234.5) == "−€1,234"
        assert Text("en").number(12.5, "money2") == "€12.50"
    finally:
        use_currency("CNY")
    assert format_money(1234.5) == "¥1,234"


def test_a_store_whose_exports_state_no_currency_is_told_the_default_it_is_shown_in(
        root: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # Olist's files (Brazilian reais) state no currency: the pack showed "Paid amount ¥790"
    # and said nowhere that ¥ was a default, not the store's currency.
    from conftest import REPO
    from storebook.report.index_page import write_index
    from storebook.report.pack import ReportRun
    from storebook.report.plan import plan_report
    from storebook.report.render import currency_note, render_page

    write_csv(root, "orders", "orders.csv", [ORDER])
    assert cli.main(["ingest"]) == 0
    assert "hint: the exports state no currency: amounts are shown as CNY" in capsys.readouterr().out
    who = identify(Config.load(root), storebook.open().ingest_manifest())
    assert who.currency == "CNY" and not who.currency_stated
    for lang, said in (("en", "the exports state no currency: amounts are shown in CNY (¥)"),
                       ("zh", "导出文件未注明币种：金额按CNY（¥）显示")):
        plan = plan_report(Config.load(root), only=["traffic"], notebooks_dir=REPO / "notebooks", lang=lang)
        assert not plan.currency_stated
        context = {"store": "A shop", "month": plan.month, "month_note": "",
                   "currency_note": currency_note(plan.currency, plan.currency_stated, lang),
                   "platforms": ["Web shop"], "all_platforms": True, "generated_at": "2025-04-01T09:00:00+08:00",
                   "revision": "abc", "fingerprint": "f" * 12, "lang": lang, "timezone": "Asia/Shanghai"}
        run = ReportRun(name="traffic", status="ok", title="Traffic", sections=[])
        write_index(tmp_path / f"index-{lang}.html", plan, context, [run], tmp_path)
        assert said in (tmp_path / f"index-{lang}.html").read_text(encoding="utf-8")
        assert said in render_page(None, run, context)
    # Set, or stated by the export: no line, no hint.
    (root / "storebook.local.toml").write_text('[store]\ncurrency = "BRL"\n', encoding="utf-8")
    who = identify(Config.load(root), storebook.open().ingest_manifest())
    assert who.currency == "BRL" and who.currency_stated
    assert currency_note("BRL", True, "en") == ""
