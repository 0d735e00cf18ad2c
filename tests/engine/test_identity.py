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
