"""The event tables' spans are known from ingest's manifest (issue #17: small questions carry
fixed costs; opening a report month asked one min/max question per event table).

Ingest records each event table's first and last day (``tables.<t>.span`` in ``_ingest.json``,
from the written files' footers); :func:`storebook.engine.availability.table_spans` takes them
from there and asks the data only for what the manifest does not record (an older ingest, a
store written by hand). Either way the spans must be the same.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

import storebook
from storebook.engine import availability, periods
from support.stores import build_store, write_tables


def _asked(wb: storebook.Workbook) -> dict[str, availability.Span]:
    """Every event table's span asked of the data (what table_spans did before the manifest held them)."""
    spans = {t: availability._asked_span(wb, t) for t in availability.EVENT_DATES if wb.has(t)}
    return {t: s for t, s in spans.items() if s is not None}


def _asked_has_data(wb: storebook.Workbook, period: periods.Period) -> bool:
    return any(availability._has_rows(wb, t, period) for t in availability.EVENT_DATES if wb.has(t))


def _drop_recorded_spans(wb: storebook.Workbook) -> None:
    """Rewrite the workbook's manifest as an ingest before spans were recorded wrote it."""
    path = Path(wb.data_dir) / "_ingest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for info in manifest["tables"].values():
        info.pop("span", None)
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_the_sample_stores_recorded_spans_are_those_its_data_hold(sample_env: Path) -> None:
    wb = storebook.open()
    recorded = {t for t, info in wb.ingest_manifest()["tables"].items() if "span" in info}
    assert recorded == {t for t in availability.EVENT_DATES if wb.has(t)}
    spans = availability.table_spans(wb)
    assert wb.questions == 0  # read from the manifest: no question to the engine
    assert spans == _asked(storebook.open())
    assert wb.data_range() == (spans["orders"].first, spans["orders"].last) == storebook.open().data_range()

    # Whether a month holds data is answered from a span's ends where it can be: the same
    # answers as asking each table, for every month of the data and the months either side.
    first, last = availability.data_span(wb)
    asked = storebook.open()
    for month in periods.months_between(periods.month_of(first).prior(), periods.month_of(last.replace(day=28) + timedelta(days=7))):
        assert availability.has_data(wb, month) == _asked_has_data(asked, month), month.label


def test_a_hand_made_store_records_the_spans_of_its_event_dates(root: Path) -> None:
    from support.stores import tiny_rows

    tiny = tiny_rows()
    po = [  # the span of purchase orders runs over ordered_on and received_on, nulls left out
        {"po_id": "PO1", "line_no": "1", "supplier_id": "S1", "sku": "A1", "ordered_on": "2025-02-20",
         "promised_on": "2025-03-10", "received_on": "2025-03-12", "qty_ordered": "10", "qty_received": "10"},
        {"po_id": "PO2", "line_no": "1", "supplier_id": "S1", "sku": "A1", "ordered_on": "",
         "promised_on": "2025-03-25", "received_on": "", "qty_ordered": "5", "qty_received": ""},
    ]
    wb = build_store(root, {**tiny, "purchase_orders": po})
    tables = wb.ingest_manifest()["tables"]
    assert tables["orders"]["span"] == ["2025-03-02", "2025-03-06"]  # O1 … O3, by ordered_at
    assert tables["purchase_orders"]["span"] == ["2025-02-20", "2025-03-12"]  # promised_on is no event date
    assert "span" not in tables["products"]  # not an event table
    expected = {"orders": availability.Span("orders", date(2025, 3, 2), date(2025, 3, 6)),
                "purchase_orders": availability.Span("purchase_orders", date(2025, 2, 20), date(2025, 3, 12))}
    assert availability.table_spans(wb) == expected == _asked(storebook.open())
    assert wb.questions == 0
    assert storebook.open().data_range() == (date(2025, 3, 2), date(2025, 3, 6))

    # Orders rewritten under the manifest kept from the ingest (one order left): the recorded
    # span no longer describes the files (their footers count other rows), so it is asked.
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    orders_file = Path(wb.data_dir) / "orders" / "part-0.parquet"
    original = pq.read_table(orders_file)
    kept = original.filter(pc.equal(original["order_id"], pc.min(original["order_id"])))  # one order
    pq.write_table(kept, orders_file)
    rewritten = storebook.open()
    day = kept["ordered_at"][0].as_py().date()
    assert availability.table_spans(rewritten)["orders"] == availability.Span("orders", day, day)
    assert rewritten.questions == 1  # orders asked; purchase orders still from the manifest
    pq.write_table(original, orders_file)

    # The same store as an older ingest left it (no spans in its manifest): asked of the data.
    _drop_recorded_spans(wb)
    old = storebook.open()
    assert availability.table_spans(old) == expected
    assert old.questions == 2  # one min/max question per event table
    assert storebook.open().data_range() == (date(2025, 3, 2), date(2025, 3, 6))
    assert storebook.open().period().label == "2025-03"


def test_a_store_without_a_manifest_asks_its_data(root: Path) -> None:
    wb = write_tables(root, traffic=[
        {"visited_on": "2025-01-31", "platform": "tmall", "channel": "all", "device": "all", "visitors": 5},
        {"visited_on": "2025-03-01", "platform": "tmall", "channel": "all", "device": "all", "visitors": 7},
    ])
    assert wb.ingest_manifest() == {}
    assert availability.table_spans(wb) == {"traffic": availability.Span("traffic", date(2025, 1, 31), date(2025, 3, 1))}
    assert wb.questions == 1
    # February lies inside the span but holds no row: only asking the table can tell.
    assert availability.has_data(wb, periods.month("2025-02")) is False
    assert availability.has_data(wb, periods.month("2025-03")) is True
    with pytest.raises(storebook.NoDataError, match="no 'orders' table"):
        wb.data_range()


def test_a_report_over_several_days_spans_to_its_last_day(root: Path) -> None:
    """A 生意参谋 week (20–26 Apr: ``visited_on`` its first day, ``period_end_on`` its last) and
    the day 20 Apr: the listings cover 20–26 Apr, in the manifest and when asked, and April is
    reported as 7 of its 30 days (before: the span stopped at the week's first day, and the pack
    read "the data cover 20 Apr to 20 Apr only, 1 of the month's 30 days")."""
    listing = {"platform": "tmall", "item_id": "1001", "visitors": "10", "page_views": "", "cart_adds": "",
               "favourites": "", "buyers": "", "units": "", "paid_amount": "", "refund_amount": "",
               "ad_spend_amount": "", "sku": "", "item_name": "", "platform_category": ""}
    wb = build_store(root, {"product_traffic": [
        {**listing, "visited_on": "2026-04-20", "period_end_on": "2026-04-26"},
        {**listing, "visited_on": "2026-04-20", "period_end_on": ""},
    ]})
    week = availability.Span("product_traffic", date(2026, 4, 20), date(2026, 4, 26))
    info = wb.ingest_manifest()["tables"]["product_traffic"]
    assert (info["span"], info["span_columns"]) == (["2026-04-20", "2026-04-26"], ["visited_on", "period_end_on"])
    assert availability.table_spans(wb) == {"product_traffic": week} == _asked(storebook.open())
    choice = availability.resolve_month(storebook.open(), "2026-04")
    assert (choice.first_day, choice.last_day, choice.days, choice.partial) == (date(2026, 4, 20), date(2026, 4, 26), 7, True)

    # A manifest written before a period's last day counted (no span_columns) is not believed.
    path = Path(wb.data_dir) / "_ingest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["tables"]["product_traffic"].update(span=["2026-04-20", "2026-04-20"])
    manifest["tables"]["product_traffic"].pop("span_columns")
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    old = storebook.open()
    assert availability.table_spans(old) == {"product_traffic": week} and old.questions == 1


def test_a_weeks_last_day_places_no_row_in_the_next_month(root: Path) -> None:
    """A week from 27 Apr to 3 May spans into May, but counts in no day of it (a row is placed
    by its first day, as the reports place it): May holds no data."""
    wb = write_tables(root, product_traffic=[{"visited_on": "2026-04-27", "period_end_on": "2026-05-03",
                                              "platform": "tmall", "item_id": "1001", "visitors": 10}])
    assert availability.table_spans(wb) == {
        "product_traffic": availability.Span("product_traffic", date(2026, 4, 27), date(2026, 5, 3))}
    assert availability.has_data(wb, periods.month("2026-04")) is True
    assert availability.has_data(wb, periods.month("2026-05")) is False
