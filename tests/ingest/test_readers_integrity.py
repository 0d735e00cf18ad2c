"""Reading integrity beyond the corpus (tests/badinput): hand-computed number parsing, the
clock kept out of the parse cache, both CSV paths agreeing on quote problems, workbook
cells as pandas gave them, and real exports (GBK, xlsx) read as before."""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import REPO, tables_dir, write_csv
from storebook.engine.config import Config
from storebook.errors import IngestError, InputError
from storebook.ingest import ingest, read_rejected
from storebook.ingest.parsing import (
    COMMA,
    POINT,
    NumberFormat,
    detect_number_format,
    parse_numbers,
    parse_times,
)
from storebook.ingest.sources.base import int_text, number, percent
from storebook.ingest.sources.encodings import detect_encoding
from storebook.ingest.sources.policy import ReadPolicy, reading_policy
from storebook.ingest.sources.readers import read_grid_table, read_records, sniff_delimiter
from storebook.ingest.sources.workbooks import read_sheet
from support.files import write_xlsx_bomb

REALDATA = Path(os.environ.get("STOREBOOK_REALDATA") or REPO.parent / "shared" / "realdata")
needs_realdata = pytest.mark.skipif(not REALDATA.is_dir(), reason=f"real exports not found at {REALDATA} "
                                                                   "(set STOREBOOK_REALDATA)")


# --------------------------------------------------------------------------- numbers

@pytest.mark.parametrize(("fmt", "text", "value", "problem"), [
    (POINT, "1,234.50", 1234.5, ""), (POINT, "2,000,000", 2e6, ""), (POINT, "1 500", 1500.0, ""),
    (POINT, "12,50", None, "comma"), (POINT, "1.234,50", None, "comma"), (POINT, "12,34,567", None, "not"),
    (POINT, "inf", None, "finite"), (POINT, "-Infinity", None, "finite"), (POINT, "1e400", None, "range"),
    (POINT, "+3", 3.0, ""), (POINT, ".5", 0.5, ""), (POINT, "1e3", 1000.0, ""), (POINT, "١٢", None, "not"),
    (COMMA, "12,50", 12.5, ""), (COMMA, "1.234,50", 1234.5, ""), (COMMA, "1 234,5", 1234.5, ""),
    (COMMA, "1,234", 1.234, ""), (COMMA, "12.50", None, "point"), (COMMA, "1,234.50", None, "point"),
    (NumberFormat(",", " "), "1 234,5", 1234.5, ""), (NumberFormat(",", " "), "1.234,5", None, "not"),
])
def test_numbers_follow_the_file_format(fmt: NumberFormat, text: str, value: float | None, problem: str) -> None:
    values, problems = parse_numbers(pd.Series([text, ""], dtype="str"), whole=False, fmt=fmt)
    assert problems.tolist() == [problem, ""]
    assert pd.isna(values.iloc[1])
    if value is None:
        assert pd.isna(values.iloc[0])
    else:
        assert values.iloc[0] == pytest.approx(value)


@pytest.mark.parametrize(("text", "value", "problem"), [
    ("9223372036854775807", 2**63 - 1, ""), ("-9223372036854775808", -(2**63), ""),
    ("9223372036854775808", None, "range"), ("99999999999999999999", None, "range"), ("1e400", None, "range"),
    ("1e19", None, "range"), ("0x10", None, "not"), ("14.5", None, "fraction"), ("14.0", 14, ""),
    ("1e1", 10, ""), ("1,234", 1234, ""), ("9007199254740993", 9007199254740993, ""),
])
def test_whole_numbers_are_exact_or_rejected(text: str, value: int | None, problem: str) -> None:
    """Integers keep every digit (2^53 + 1 is not rounded) and stop at the int64 range; one
    bad value among many sends the column down the careful path, which must agree."""
    values, problems = parse_numbers(pd.Series([text, "7"], dtype="str"), whole=True)
    assert problems.tolist() == [problem, ""]
    assert values.iloc[1] == 7
    assert (pd.isna(values.iloc[0]) if value is None else values.iloc[0] == value)


def test_the_fast_cast_and_the_careful_path_agree() -> None:
    clean = pd.Series(["1", "-2", "30", "", "4"], dtype="str")
    fast, _ = parse_numbers(clean, whole=True)
    careful, _ = parse_numbers(pd.concat([clean, pd.Series(["x"], dtype="str")], ignore_index=True), whole=True)
    pd.testing.assert_series_equal(fast, careful.iloc[:5], check_names=False)
    floats = pd.Series(["1.5", "-0.0", "", "2"], dtype="str")
    fast, _ = parse_numbers(floats, whole=False)
    careful, _ = parse_numbers(pd.concat([floats, pd.Series(["inf"], dtype="str")], ignore_index=True), whole=False)
    assert np.array_equal(fast.to_numpy(), careful.iloc[:4].to_numpy(), equal_nan=True)
    assert np.signbit(fast.iloc[1]) and np.signbit(careful.iloc[1])


@pytest.mark.parametrize(("values", "decimal"), [
    (["12,50", "3"], ","), (["1.234,50"], ","), (["12,50", "12.50"], "."), (["1,234"], "."),
    (["1,234.50", "12,50"], "."), (["0,5"], ","), (["100", "200"], "."), (["1 234,50"], ","),
])
def test_decimal_comma_only_when_no_value_reads_otherwise(values: list[str], decimal: str) -> None:
    assert detect_number_format([pd.Series(values, dtype="str")]).decimal == decimal


def test_adapter_numbers_strip_only_real_thousands_separators() -> None:
    """Platform exports write decimal points: 12,50 is passed on as written (ingest rejects it
    by name) instead of becoming 1250; 1.234,50 is not 1.2345."""
    text = pd.Series(["1,234.50", "12,50", "1.234,50", "¥ 1,299", "1 234", "-", "12.5"], dtype="str")
    assert number(text).tolist() == ["1234.50", "12,50", "1.234,50", "1299", "1234", "", "12.5"]
    assert percent(pd.Series(["9.98%", "inf%", "12,5%"], dtype="str")).tolist()[0] == pytest.approx(0.0998)
    assert percent(pd.Series(["inf%", "12,5%"], dtype="str")).isna().all()
    assert int_text(pd.Series([3.4, float("inf"), float("nan")])).tolist() == ["3", "inf", ""]


def test_offsets_are_converted_to_the_store_zone() -> None:
    text = pd.Series(["2026-03-02T02:00:00Z", "2026-03-02 10:00:00", "2026-03-02T10:00:00+08:00",
                      "2026-03-01T21:00:00-05:00", None, "2026-03-02T09:30:00+0730"], dtype="str")
    got = parse_times(text, "Asia/Shanghai")
    assert got.dtype == "datetime64[us]"
    assert got.dt.strftime("%H:%M").fillna("").tolist() == ["10:00", "10:00", "10:00", "10:00", "", "10:00"]


# --------------------------------------------------------------------------- the clock is not cached

def test_a_future_date_is_read_again_once_its_day_has_come(tiny: Path) -> None:
    """Rejected today, accepted once the day has passed, without --force: the rejection is not
    cached with the parse. The reason holds no clock time: two runs at different minutes write
    identical _rejected files."""
    rows = [{"ticket_id": "T1", "platform": "tmall", "order_id": "", "sku": "", "batch_id": "",
             "opened_at": "2026-12-05 10:00:00", "first_response_at": "", "resolved_at": "",
             "category": "logistics", "is_complaint": "false", "csat": ""}]
    write_csv(tiny, "service_tickets", "tickets.csv", rows)
    config = Config.load(tiny)
    ingest(config, now=datetime(2026, 11, 27, 12, 0))
    first = (tables_dir(tiny) / "_rejected/service_tickets.parquet").read_bytes()
    assert "checked again at every ingest" in read_rejected(config, "service_tickets")["reason"].iloc[0]
    ingest(config, now=datetime(2026, 11, 27, 12, 7), force=True)
    assert (tables_dir(tiny) / "_rejected/service_tickets.parquet").read_bytes() == first
    assert ingest(config, now=datetime(2026, 12, 4, 23, 59)).skipped  # still in the future: nothing to do
    report = ingest(config, now=datetime(2026, 12, 5, 10, 0))  # the moment has come
    assert not report.skipped
    assert read_rejected(config, "service_tickets").empty
    tickets = pd.read_parquet(tables_dir(tiny) / "service_tickets")
    assert tickets["ticket_id"].tolist() == ["T1"]
    assert {f.table: f.cached for f in report.files}["service_tickets"] is True  # parsed once, not again


# --------------------------------------------------------------------------- dates a shop cannot have

def test_dates_outside_the_calendar_are_rejected_and_mysql_zero_dates_are_empty(tiny: Path) -> None:
    """Year 0000, 0001 and 1500 are placeholders or typos: rejected with their reason, not
    stored as orders of another millennium (and not a crash of the recorded spans, which need
    a date Python can hold). MySQL's 0000-00-00 is its spelling of no date: empty, so the
    optional ``first_response_at`` keeps its row and the required ``opened_at`` rejects its own."""
    base = {"platform": "tmall", "order_id": "", "sku": "", "batch_id": "", "first_response_at": "",
            "resolved_at": "", "category": "logistics", "is_complaint": "false", "csat": ""}
    opened = {"T1": "2026-11-02 10:00:00", "T2": "0000-01-01 00:00:00", "T3": "0001-01-01", "T4": "1500-03-01",
              "T5": "1900-01-01", "T6": "0000-00-00 00:00:00", "T7": "2026-11-03 09:00:00"}
    rows = [{**base, "ticket_id": t, "opened_at": v} for t, v in opened.items()]
    rows[-1]["first_response_at"] = "0000-00-00 00:00:00"
    write_csv(tiny, "service_tickets", "tickets.csv", rows)
    config = Config.load(tiny)
    report = ingest(config, now=datetime(2026, 11, 27, 12, 0))
    tickets = pd.read_parquet(tables_dir(tiny) / "service_tickets").set_index("ticket_id")
    assert sorted(tickets.index) == ["T1", "T5", "T7"]  # 1900-01-01 is Excel's first day: a date
    assert pd.isna(tickets.loc["T7", "first_response_at"])
    reasons = read_rejected(config, "service_tickets").set_index("value")["reason"]
    for value in ("0000-01-01 00:00:00", "0001-01-01", "1500-03-01"):
        assert reasons[value].startswith("'opened_at' is out of range: a date from 1900-01-01 to 9999-12-31")
    assert reasons["0000-00-00 00:00:00"].startswith("column 'opened_at' is empty; a value is required")
    assert len(reasons) == 4
    assert report.tables["service_tickets"]["rows"] + report.tables["service_tickets"]["rejected"] == 7
    manifest = json.loads((tables_dir(tiny) / "_ingest.json").read_text())
    assert manifest["tables"]["service_tickets"]["span"] == ["1900-01-01", "2026-11-03"]


# --------------------------------------------------------------------------- quotes on both paths

SWALLOW = ("a,b,c\n1,x,2\n3,\"y,4\n5,z,6\n7,\"w\",8\n9,v,10\n")


def test_both_csv_paths_stop_on_the_same_stray_quote(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(SWALLOW, encoding="utf-8")
    with pytest.raises(InputError) as fast:
        read_grid_table(path, lambda rows: 0)
    with pytest.raises(InputError) as slow:
        read_records(path)
    for err in (fast.value, slow.value):
        assert "line 3: a quote opens a value in field 2 ('b')" in str(err)
        assert "swallows lines 4–5" in str(err)


def test_a_well_formed_multiline_value_passes_both_paths(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('a,b,c\n1,"two\r\nlines, quoted ""well""",2\n3,x,4\n', encoding="utf-8")
    raw = read_grid_table(path, lambda rows: 0)[0]
    assert raw.frame["b"].tolist() == ['two\r\nlines, quoted "well"', "x"]
    assert raw.rows.tolist() == [2, 3]
    assert read_records(path).rows[1][1] == 'two\r\nlines, quoted "well"'


def test_a_body_without_quotes_reads_alike_whether_arrow_follows_quotes_or_not(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a quote no value holds a line end: Arrow is told so (it then ends a block's
    records at its last line end), and reads the same records, across blocks of 1 MiB too."""
    import storebook.ingest.sources.readers as readers

    body = "".join(f"{i},v {i},,江苏\r\n" if i % 3 else f"{i},,x,\n" for i in range(60_000)).encode()
    assert len(body) > 1 << 20 and b'"' not in body
    plain, following = readers._arrow_records(body, 4, ",", False), readers._arrow_records(body, 4, ",", True)
    assert plain.num_rows == 60_000 and plain.equals(following)
    assert plain.column(1)[1].as_py() == "v 1" and plain.column(3)[2].as_py() == "江苏"
    seen = []
    original = readers._arrow_records
    monkeypatch.setattr(readers, "_arrow_records", lambda *a: seen.append(a[3]) or original(*a))
    (tmp_path / "clean.csv").write_bytes(b"a,b,c,d\n" + body)
    (tmp_path / "quoted.csv").write_text('a,b\n1,"two\nlines"\n', encoding="utf-8")
    assert len(read_grid_table(tmp_path / "clean.csv", lambda rows: 0)[0].frame) == 60_000
    assert read_grid_table(tmp_path / "quoted.csv", lambda rows: 0)[0].frame["b"].tolist() == ["two\nlines"]
    assert seen == [False, True]


@pytest.mark.parametrize(("sample", "expected"), [
    ("a,b,c\n1,2,3\n", ","), ("a\tb\tc\n1\t2,5\t3\n", "\t"), ("a;b;c\n1;2,5;3\n4;5,5;6\n", ";"),
    ("Report title\n\nx|y|z\n1|2|3\n", "|"), ('id,tags\n1,"a; b; c"\n2,"d; e"\n', ","), ("single\n1\n", ","),
])
def test_the_separator_is_sniffed(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_a_big_clean_file_is_never_parsed_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The strict re-read runs only when a record spans lines: a clean file costs a line count."""
    import storebook.ingest.sources.readers as readers

    path = tmp_path / "export.csv"
    path.write_text("a,b\n" + "".join(f"{i},v{i}\n" for i in range(50_000)), encoding="utf-8")
    monkeypatch.setattr(readers, "check_spanning_records", lambda *a: pytest.fail("re-parsed a clean file"))
    raw = read_grid_table(path, lambda rows: 0)[0]
    assert len(raw.frame) == 50_000 and raw.rows.iloc[-1] == 50_001


# --------------------------------------------------------------------------- limits and encodings

def test_limits_apply_only_inside_the_policy(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("a,b\n" + "1,2\n" * 20, encoding="utf-8")
    assert len(read_records(path).rows) == 21
    with reading_policy(ReadPolicy(max_rows=10)), pytest.raises(InputError, match="more than 10 lines"):
        read_records(path)
    with reading_policy(ReadPolicy(max_file_mb=0.00005)), pytest.raises(InputError, match="max_file_mb"):
        read_records(path)


def test_gbk_with_a_few_rare_characters_is_still_gbk() -> None:
    """Real GBK exports hold some characters outside GB2312 (喆, a non-breaking space): the
    share test leaves room for them."""
    text = "店铺,商品\n" + "".join(f"喆喆家居{i},纯棉毛巾\u00a0加厚款\n" for i in range(30))
    assert detect_encoding(text.encode("gb18030"), Path("x.csv")) == "gb18030"


@needs_realdata
def test_a_real_taobao_gbk_export_reads_as_gbk() -> None:
    path = REALDATA / "competitor_prices_taobao_Valuation-Method-Competition" / "taobao1.csv"
    records = read_records(path)
    assert records.encoding == "gb18030"
    header = records.rows[0]
    assert "item_loc" in header and "raw_title" in header
    locations = {row[header.index("item_loc")] for row in records.rows[1:] if len(row) == len(header)}
    assert any(loc.startswith("陕西") for loc in locations)
    assert len(records.rows) == 683  # 682 rows (PROVENANCE.md) and the header


@needs_realdata
@pytest.mark.parametrize("name", [
    "tmall_sycm_product_report_tmall-dashboard/a22792e5-508a-4bb6-84f5-5bd9f465d50d_智能选款_2026-04-20~2026-04-20.xlsx",
    "ga_ua_google_merch_store_as1466-Individual-Project-1/"
    "Analytics 1 Master View Sales Performance 20230501-20230630.xlsx",
])
def test_workbook_cells_are_the_strings_pandas_gave(name: str) -> None:
    """openpyxl read directly (to count rows and stop at the limit) gives the cells as
    pd.read_excel(dtype=str) did, so that outputs do not change."""
    path = REALDATA / name
    ours = read_sheet(path)
    with warnings.catch_warnings():  # openpyxl: "Workbook contains no default style"
        warnings.simplefilter("ignore", UserWarning)
        theirs = pd.read_excel(path, header=None, dtype=str, keep_default_na=False, na_filter=False)
    width = theirs.shape[1]
    padded = [(row + [""] * width)[:width] for row in ours]
    assert len(padded) == len(theirs)
    assert padded == [[str(v).strip() for v in row] for row in theirs.itertuples(index=False)]


# --------------------------------------------------------------------------- links

def test_files_under_a_linked_folder_are_read_once(tiny: Path) -> None:
    store = tiny / "data/raw/_store/suppliers"
    store.mkdir(parents=True)
    (tiny / "data/raw/suppliers/suppliers.csv").rename(store / "suppliers.csv")
    (tiny / "data/raw/suppliers").rmdir()
    os.symlink("_store/suppliers", tiny / "data/raw/suppliers")
    report = ingest(Config.load(tiny), now=datetime(2026, 11, 27, 12, 0))
    assert {f.path for f in report.files if f.table == "suppliers"} == {"data/raw/suppliers/suppliers.csv"}
    assert report.rows_rejected == 0
    os.symlink("suppliers", tiny / "data/raw/_store/suppliers_again")  # not data: a name starting with _
    os.symlink("../_store/suppliers", tiny / "data/raw/products/suppliers_too")
    with pytest.raises(IngestError, match="read already"):
        ingest(Config.load(tiny), now=datetime(2026, 11, 27, 12, 0))
    digest = hashlib.sha256((store / "suppliers.csv").read_bytes()).hexdigest()
    assert digest == hashlib.sha256((tiny / "data/raw/suppliers/suppliers.csv").read_bytes()).hexdigest()


def test_the_default_limit_stops_a_workbook_bomb_before_parsing(tmp_path: Path) -> None:
    """A 0.3 MB .xlsx that unpacks into 101 MB of XML: stopped by the default
    max_xlsx_uncompressed_mb from the zip directory alone, without parsing a row."""
    path = tmp_path / "bomb.xlsx"
    write_xlsx_bomb(path, {"header": ["a", "b"], "row": ["x", "y"], "unpacked_mb": 101})
    assert path.stat().st_size < 2_000_000
    with pytest.raises(InputError, match="unpacks into 101 MB of XML, above the limit of 100 MB"):
        read_records(path)


@pytest.mark.parametrize(("body", "regular"), [
    (b'1,"a",2\n', True), (b'1,"a\nb",2\n', True), (b'1,"a""b",2\n', True), (b'1,"",2\n', True),
    (b'1,"""x""",2\n', True), (b'"a","b"\r\n"c","d"', True),
    (b'S2,"Hangzhou,Zhejiang,21\nS3,x,30\nS4,"Suzhou Silk",Jiangsu,25\n', False),  # a swallow
    (b'1,12" pizza,2\n', False), (b'1,"a"b,2\n', False), (b'1,"a,2\n', False),
])
def test_regular_quotes_spare_the_strict_reread(body: bytes, regular: bool) -> None:
    """The numpy check that lets a file with multi-line values skip the strict re-read says
    "regular" only when every quote opens, closes or doubles inside a value, in pairs."""
    from storebook.ingest.sources.records import quotes_regular

    assert quotes_regular(body, ",") is regular
