"""Custom sources declared in storebook.sources.yaml: the README example, separators,
header rows, footers, value maps, date formats, and declarations that do not fit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import write_csv
from storebook.errors import IngestError
from support.sources import EXAMPLES, assert_reconciles, file_report, rejected, run, table

PO_DECLARATION = """
sources:
  - name: eu_supplier_po
    table: purchase_orders
    files: "supplier_eu/*.csv"
    encoding: {encoding}
    delimiter: ";"
    header_row: 3
    skip_footer: 1
    decimal: ","
    thousands: "."
    date_format: "%d.%m.%Y"
    columns:
      po_id: Bestellung
      line_no: Pos
      sku: Artikel
      ordered_on: Bestelldatum
      promised_on: Liefertermin
      received_on: Eingang
      qty_ordered: Menge
      qty_received: Geliefert
      qty_rejected: Reklamiert
      unit_cost: Preis
    constants:
      supplier_id: S1
"""
PO_FILE = (
    "Lieferant: Muster GmbH;;;;;;;;;\n"
    "Stand 01.04.2025;;;;;;;;;\n"
    "Bestellung;Pos;Artikel;Bestelldatum;Liefertermin;Eingang;Menge;Geliefert;Reklamiert;Preis\n"
    "PO-77;1;A1;03.03.2025;17.03.2025;18.03.2025;1.200;1.150;3;12,50\n"
    "PO-77;2;B1;03.03.2025;17.03.2025;;40;0;0;1.034,75\n"
    "PO-78;1;A1;31.02.2025;03.04.2025;;10;0;0;12,50\n"
    "Summe;;;;;;1.250;1.150;3;\n"
)


@pytest.fixture
def example(tiny: Path) -> Path:
    """The README's worked example, as written: copy the declaration and the export."""
    shutil.copy(EXAMPLES / "storebook.sources.yaml", tiny / "storebook.sources.yaml")
    target = tiny / "data" / "raw" / "qianchuan"
    target.mkdir(parents=True)
    for path in (EXAMPLES / "qianchuan").glob("*.csv"):
        shutil.copy(path, target / path.name)
    return tiny


def test_readme_example_works_as_written(example: Path) -> None:
    report = run(example)
    spend = table(example, "marketing_spend").sort_values(["spent_on", "campaign_id"])
    assert len(spend) == 5  # the 合计 footer is not a row
    first = spend.iloc[0]
    assert (str(first["spent_on"])[:10], first["platform"], first["channel"], first["campaign_id"]) == (
        "2026-10-01", "douyin", "live_stream", "1780000000000001")
    assert (first["spend_amount"], first["impressions"], first["clicks"], first["attributed_amount"]) == (
        1250.4, 85210, 2130, 4305.0)
    assert set(spend["channel"]) == {"live_stream", "paid_search", "social"}
    assert spend["spend_amount"].sum() == pytest.approx(3638.0)
    rep = file_report(example, "千川_计划数据_2026-10.csv", "marketing_spend")
    assert rep["source"] == "qianchuan_spend" and rep["encoding"] == "gb18030"
    assert report.rows_rejected == 0
    assert_reconciles(example)


def _po(root: Path, encoding: str = "auto", file_encoding: str = "utf-8") -> Path:
    (root / "storebook.sources.yaml").write_text(PO_DECLARATION.format(encoding=encoding), encoding="utf-8")
    path = root / "data" / "raw" / "supplier_eu" / "bestellungen.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(PO_FILE.replace("Muster GmbH", "Müller GmbH 青岛").encode(file_encoding))
    return root


def test_decimal_comma_header_row_footer_and_date_format(tiny: Path) -> None:
    _po(tiny)
    run(tiny)
    po = table(tiny, "purchase_orders").set_index(["po_id", "line_no"])
    assert po.loc[("PO-77", 1), ["qty_ordered", "qty_received", "unit_cost"]].tolist() == [1200, 1150, 12.5]
    assert po.loc[("PO-77", 2), "unit_cost"] == 1034.75
    assert str(po.loc[("PO-77", 1), "promised_on"])[:10] == "2025-03-17"
    assert pd.isna(po.loc[("PO-77", 2), "received_on"])
    # A date that does not fit the declared format is rejected, naming the format.
    rej = rejected(tiny, "purchase_orders")
    assert rej[["source_row", "column"]].values.tolist() == [[6, "ordered_on"]]
    assert "declared date format %d.%m.%Y" in rej["reason"].iloc[0]
    assert_reconciles(tiny)


def test_wrong_declared_encoding_is_a_clear_message(tiny: Path) -> None:
    _po(tiny, encoding="utf-8", file_encoding="gbk")
    with pytest.raises(IngestError) as err:
        run(tiny)
    message = str(err.value)
    assert "declared utf-8 (declared in storebook.sources.yaml, source 'eu_supplier_po')" in message
    assert "they read as GBK/GB18030" in message and "set `encoding: gbk`" in message
    assert "data/processed was left as it was" in message


def test_declared_gbk_but_bytes_are_utf8(tiny: Path) -> None:
    _po(tiny, encoding="gbk", file_encoding="utf-8")
    with pytest.raises(IngestError) as err:
        run(tiny)
    assert "its bytes are UTF-8" in str(err.value) and "set `encoding: utf-8`" in str(err.value)


def test_auto_encoding_reads_gbk(tiny: Path) -> None:
    _po(tiny, encoding="auto", file_encoding="gbk")
    run(tiny)
    assert len(table(tiny, "purchase_orders")) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("      qty_ordered: Menge\n", ""), "required purchase_orders column(s) qty_ordered are neither"),
        (("    delimiter", "    separator: x\n    delimiter"), "unknown key(s) separator"),
        (("table: purchase_orders", "table: purchases"), "table 'purchases' is not a canonical table"),
        (("      sku: Artikel\n", "      sku: Artikel\n      colour: Farbe\n"), "names colour, not column(s)"),
        (("name: eu_supplier_po", "name: shopify_orders"), "is a built-in source's name"),
        (("encoding: {encoding}", "encoding: ebcdic"), "encoding 'ebcdic' is not supported"),
    ],
)
def test_declaration_errors_name_the_source_and_key(tiny: Path, change: tuple[str, str], message: str) -> None:
    _po(tiny)
    text = PO_DECLARATION.replace(*change).format(encoding="auto")
    (tiny / "storebook.sources.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(IngestError) as err:
        run(tiny)
    assert message in str(err.value) and "storebook.sources.yaml" in str(err.value)


def test_columns_missing_from_the_header(tiny: Path) -> None:
    _po(tiny)
    path = tiny / "data/raw/supplier_eu/bestellungen.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Reklamiert", "Retour"), encoding="utf-8")
    with pytest.raises(IngestError) as err:
        run(tiny)
    message = str(err.value)
    assert "column(s) 'Reklamiert' declared in storebook.sources.yaml" in message
    assert "row 3" in message and "Retour" in message


def test_changing_the_declaration_rereads_the_file(example: Path) -> None:
    run(example)
    decl = example / "storebook.sources.yaml"
    decl.write_text(decl.read_text(encoding="utf-8").replace("商品推广: paid_search", "商品推广: referral"),
                    encoding="utf-8")
    report = run(example)
    assert not report.skipped
    assert "referral" in set(table(example, "marketing_spend")["channel"])


def test_custom_source_for_a_table_with_foreign_keys(tiny: Path) -> None:
    """A custom orders file whose customer column is an e-mail: hashed like every customer."""
    (tiny / "storebook.sources.yaml").write_text("""
sources:
  - name: pos_orders
    table: orders
    files: "pos/*.csv"
    columns: {order_id: Beleg, ordered_at: Zeit, paid_at: Zeit, customer_id: Mail, province: Adresse,
              items_amount: Summe, paid_amount: Summe}
    constants: {platform: web, status: completed, channel: direct, device: pc, discount_amount: 0,
                shipping_amount: 0, refund_amount: 0}
    date_format: "%d.%m.%Y %H:%M"
""", encoding="utf-8")
    write_csv(tiny, "pos", "kasse.csv", [
        {"Beleg": "POS-1", "Zeit": "02.03.2025 10:15", "Mail": "anna@example.com", "Adresse": "浙江省杭州市示例路1号",
         "Summe": "59.00"},
    ])
    run(tiny)
    orders = table(tiny, "orders").set_index("order_id")
    assert orders.loc["POS-1", "province"] == "浙江" and orders.loc["POS-1", "customer_id"].startswith("c_")
    assert str(orders.loc["POS-1", "ordered_at"]) == "2025-03-02 10:15:00"
    assert b"anna@example.com" not in b"".join(p.read_bytes() for p in (tiny / "data/processed").rglob("*")
                                                if p.is_file())


@pytest.mark.parametrize("file_encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_without_a_footer_the_fast_reader_gives_the_same(tiny: Path, monkeypatch: pytest.MonkeyPatch,
                                                         file_encoding: str) -> None:
    """Without skip_footer a custom source is read by Arrow (readers.read_grid_table): the
    same tables, rejections and row numbers as the Python reader."""
    import storebook.ingest.sources.custom as custom
    from support.sources import processed_digest

    _po(tiny, file_encoding=file_encoding)
    declaration = tiny / "storebook.sources.yaml"
    declaration.write_text(declaration.read_text(encoding="utf-8").replace("    skip_footer: 1\n", ""),
                           encoding="utf-8")
    path = tiny / "data" / "raw" / "supplier_eu" / "bestellungen.csv"
    path.write_bytes(PO_FILE.replace("Summe;;;;;;1.250;1.150;3;\n", ";;;;;;;;;\n\n").encode(file_encoding))
    calls = []
    real = custom.read_grid_table
    monkeypatch.setattr(custom, "read_grid_table", lambda *a, **k: calls.append(real(*a, **k)) or calls[-1])
    run(tiny, force=True)
    assert calls and calls[-1] is not None  # the fast path read it
    fast = (processed_digest(tiny), rejected(tiny)[["source_row", "column", "value", "reason"]].to_dict("records"))
    monkeypatch.setattr(custom, "read_grid_table", lambda *a, **k: None)
    run(tiny, force=True)
    slow = (processed_digest(tiny), rejected(tiny)[["source_row", "column", "value", "reason"]].to_dict("records"))
    assert fast == slow
    assert [r["source_row"] for r in fast[1] if r["column"] == "ordered_on"] == [6]
