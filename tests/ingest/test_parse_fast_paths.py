"""The parse's fast paths read what the general paths read (#17: cheaper parsing, same bytes).

UTF-8 is checked by Arrow instead of decoded; Shopify's usual time spelling and plain
``YYYY-MM-DD HH:MM:SS`` times are read by Arrow in place. Each case below is worked out by
hand, including the values the fast paths must hand back to the general ones.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest

from storebook.ingest import parsing
from storebook.ingest.sources import shopify
from storebook.ingest.sources.encodings import decode_bytes, is_utf8


@pytest.mark.parametrize(("data", "valid"), [
    (b"order_id,amount\n1,2.50\n", True),
    ("江苏,新疆\n".encode(), True),
    ("😀".encode(), True),            # four bytes, below U+10FFFF
    (b"\xed\x9f\xbf", True),           # U+D7FF, the last code point before the surrogates
    (b"\xed\xa0\x80", False),          # U+D800, a surrogate: Python refuses it
    (b"\xc0\x80", False),              # an overlong NUL
    (b"\xf4\x90\x80\x80", False),      # beyond U+10FFFF
    (b"\xe4\xb8", False),              # a character cut short
    ("江苏".encode("gb18030"), False),  # GBK bytes
])
def test_is_utf8_agrees_with_pythons_decoder_on_the_edges(data: bytes, valid: bool) -> None:
    assert is_utf8(data) is valid


def test_is_utf8_agrees_with_pythons_decoder_on_every_two_byte_sequence() -> None:
    for pair in itertools.product(range(0x80, 0x100), repeat=2):  # ASCII bytes are valid alone
        data = bytes(pair)
        try:
            data.decode("utf-8")
            expected = True
        except UnicodeDecodeError:
            expected = False
        assert is_utf8(data) is expected, data


def test_decode_bytes_without_text_checks_utf8_and_still_decodes_gbk(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    assert decode_bytes("省份\n江苏\n".encode(), path, need_text=False) == ("", "utf-8")
    assert decode_bytes("省份\n江苏\n".encode(), path, "utf-8", need_text=False) == ("", "utf-8")
    assert decode_bytes("省份\n江苏\n".encode(), path) == ("省份\n江苏\n", "utf-8")
    gbk = ("省份,城市\n" + "江苏,南京\n" * 20).encode("gb18030")
    assert decode_bytes(gbk, path, need_text=False) == (gbk.decode("gb18030"), "gb18030")


def test_shopify_times_in_the_usual_spelling_are_converted_to_the_store_zone() -> None:
    text = pd.Series(["2021-05-13 11:01:13 +0200",   # 09:01:13 UTC = 17:01:13 in Shanghai
                      "2026-10-01 00:05:49 -0430",   # 04:35:49 UTC = 12:35:49
                      "",
                      " 2026-09-30 23:59:59 +0800 "])  # already Shanghai time
    assert shopify.to_local(text, "Asia/Shanghai").tolist() == [
        "2021-05-13 17:01:13", "2026-10-01 12:35:49", "", "2026-09-30 23:59:59"]
    # New York's clocks went forward at 07:00 UTC on 2026-03-08: 07:30 UTC is 03:30 EDT.
    assert shopify.to_local(pd.Series(["2026-03-08 06:30:00 +0000", "2026-03-08 07:30:00 +0000"]),
                            "America/New_York").tolist() == ["2026-03-08 01:30:00", "2026-03-08 03:30:00"]


def test_shopify_times_the_fast_path_leaves_to_the_general_one() -> None:
    # A day that does not exist is passed on as written (ingest rejects its row); the valid
    # time beside it is still converted.
    assert shopify.to_local(pd.Series(["2026-02-30 10:00:00 +0800", "2026-02-28 10:00:00 +0000"]),
                            "Asia/Shanghai").tolist() == ["2026-02-30 10:00:00 +0800", "2026-02-28 18:00:00"]
    # Other spellings in one column with the usual one: all read.
    assert shopify.to_local(pd.Series(["2026-10-01T00:05:49Z", "2026-10-01 00:05:49 +08:00",
                                       "2026-10-01 00:05:49 +0800"]), "Asia/Shanghai").tolist() == [
        "2026-10-01 08:05:49", "2026-10-01 00:05:49", "2026-10-01 00:05:49"]


def test_shopify_export_version_is_its_latest_instant_in_utc() -> None:
    created = pd.Series(["2026-10-01 00:05:49 +0800", ""])   # 2026-09-30 16:05:49 UTC
    paid = pd.Series(["2026-09-30 20:00:00 -0400", ""])      # 2026-10-01 00:00:00 UTC: the latest
    assert shopify._utc_max([created, paid]) == "2026-10-01T00:00:00Z"
    assert shopify._utc_max([pd.Series(["", " "])]) is None


def test_plain_times_parse_as_pandas_read_them() -> None:
    text = pd.Series(["2026-06-01 00:00:01", "2024-02-29", None, "2026-06-01T23:59:59"], name="paid_at")
    out = parsing.parse_times(text, "Asia/Shanghai")
    assert out.dtype == "datetime64[us]" and out.name == "paid_at"
    assert out.tolist()[:2] == [pd.Timestamp("2026-06-01 00:00:01"), pd.Timestamp("2024-02-29")]
    assert pd.isna(out[2]) and out[3] == pd.Timestamp("2026-06-01 23:59:59")


@pytest.mark.parametrize("bad", ["2026-02-30 00:00:00", "2025-02-29", "2026-06-01 24:00:00", "2026-06-01 23:59:60",
                                 "2026-13-01 00:00:00"])
def test_impossible_plain_times_are_missing_and_the_others_still_read(bad: str) -> None:
    out = parsing.parse_times(pd.Series(["2026-06-01 08:00:00", bad]), "Asia/Shanghai")
    assert out[0] == pd.Timestamp("2026-06-01 08:00:00") and pd.isna(out[1])


def test_a_column_of_plain_times_is_not_searched_for_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    """No plain time ends in an offset, so a column of them is read without the offset search;
    a column whose first values are plain but a later one has an offset still converts it."""
    import pyarrow.compute as pc

    searched = []
    real = pc.match_substring_regex

    def spy(arr, pattern, **kwargs):  # noqa: ANN001, ANN202
        searched.append(pattern)
        return real(arr, pattern, **kwargs)

    monkeypatch.setattr(parsing.pc, "match_substring_regex", spy)
    plain = pd.Series(["2026-06-01 00:00:01", None, "2026-06-02", "1999-12-31T23:59:59"])
    assert parsing.parse_times(plain, "Asia/Shanghai").tolist() == [
        pd.Timestamp("2026-06-01 00:00:01"), pd.NaT, pd.Timestamp("2026-06-02"), pd.Timestamp("1999-12-31 23:59:59")]
    assert parsing._OFFSET not in searched
    # Plain for its first 64 values, then one in UTC: 16:00 UTC is 00:00 the next day in Shanghai.
    mixed = pd.Series(["2026-06-01 00:00:01"] * 64 + ["2026-06-01 16:00:00Z", "2026-06-30"])
    got = parsing.parse_times(mixed, "Asia/Shanghai")
    assert got.iloc[64] == pd.Timestamp("2026-06-02 00:00:00") and got.iloc[65] == pd.Timestamp("2026-06-30")
    assert (got.iloc[:64] == pd.Timestamp("2026-06-01 00:00:01")).all()
    # A column of offsets from its first value on: read as before, converted.
    zoned = pd.Series(["2026-06-01 00:00:00+00:00", "2026-06-01 08:00:00 +0800"])
    assert parsing.parse_times(zoned, "Asia/Shanghai").tolist() == [pd.Timestamp("2026-06-01 08:00:00")] * 2
    # A plain spelling that is no time (February 30th) is missing, its neighbour read.
    assert parsing.parse_times(pd.Series(["2026-02-30 10:00:00", "2026-02-28"]), "Asia/Shanghai").tolist()[1] == \
        pd.Timestamp("2026-02-28")


# ---------------------------------------------------------------------------- no strip when nothing is padded

class _Rejects:
    """Records each rejection as (column, rows, reason) so two parses can be compared."""

    def __init__(self) -> None:
        self.added: list[tuple[str, list[int], str]] = []

    def add(self, table, frame, mask, column, reason, values=None) -> None:  # noqa: ANN001
        if mask.any():
            rows = mask[mask].index.tolist()
            why = reason if isinstance(reason, str) else reason[mask].tolist()
            shown = None if values is None else values[mask].tolist()
            self.added.append((column, rows, str(why), str(shown)))


def _spec(kind: str, nullable: bool = True):  # noqa: ANN202
    from storebook.engine.schema import ColumnSpec
    return ColumnSpec(name="c", kind=kind, nullable=nullable, description="", zh="", unit="")


def _parse(kind: str, values: list, nullable: bool = True):  # noqa: ANN202
    text = pd.Series(values, dtype="str")
    frame = pd.DataFrame({"c": text, "_source_file": "f.csv", "_source_row": range(2, len(values) + 2)})
    rejects = _Rejects()
    got, ok = parsing.parse_column("t", _spec(kind, nullable), text, frame, rejects)
    return got, ok.tolist(), rejects.added


@pytest.mark.parametrize(("kind", "values", "expected", "ok"), [
    # Clean columns: read without a strip (the fast path).
    ("float", ["12.5", "", "3", "null"], [12.5, None, 3.0, None], [True] * 4),
    ("Int64", ["7", "", "NaN"], [7, None, None], [True] * 3),
    ("timestamp", ["2026-06-01 00:00:01", "", "0000-00-00 00:00:00", "NULL"],
     [pd.Timestamp("2026-06-01 00:00:01"), None, None, None], [True] * 4),
    ("date", ["2026-06-01", "0000-00-00"], [pd.Timestamp("2026-06-01"), None], [True] * 2),
    # A value an adapter did not trim is still stripped: the careful path.
    ("float", [" 12.5", "3\t", "\u00a0", " null "], [12.5, 3.0, None, None], [True] * 4),
    ("Int64", ["7 ", "\u3000", "8"], [7, None, 8], [True] * 3),
    ("timestamp", [" 2026-06-01 00:00:01", "2026-06-02 10:00:00\r", "  ", " 0000-00-00 "],
     [pd.Timestamp("2026-06-01 00:00:01"), pd.Timestamp("2026-06-02 10:00:00"), None, None], [True] * 4),
    ("date", ["2026-06-01 ", "\t"], [pd.Timestamp("2026-06-01"), None], [True] * 2),
])
def test_number_and_time_columns_read_padded_values_as_stripped(kind: str, values: list, expected: list,
                                                                ok: list) -> None:
    got, got_ok, added = _parse(kind, values)
    assert [None if pd.isna(v) else v for v in got.tolist()] == expected
    assert got_ok == ok and added == []


@pytest.mark.parametrize(("kind", "values"), [
    ("float", ["1.5", "", "2"]), ("float", ["1.5", " ", "2 "]), ("float", ["1,5", "", "x"]),
    ("int", ["1", "", "2"]), ("int", ["1", "  ", " 2"]), ("Int64", ["1", "nUlL", "0x10", "1.5"]),
    ("timestamp", ["2026-06-01 00:00:01", "", "2026-06-01"]), ("timestamp", [" 2026-06-01 00:00:01", "\t"]),
    ("timestamp", ["2026-06-01T08:00:00+08:00", "none"]), ("timestamp", ["2026-02-30 00:00:00", ""]),
    ("date", ["2026-06-01", "", "0000-00-00T00:00:00"]), ("date", ["1899-12-31", "2026-06-01 "]),
])
@pytest.mark.parametrize("nullable", [True, False])
def test_a_column_parses_as_its_stripped_text_does(kind: str, values: list, nullable: bool) -> None:
    """Unstripped or stripped beforehand, a column gives the same values, ok rows and rejections
    (the empty rows of a required column, a value that is no number or date)."""
    got, ok, added = _parse(kind, values, nullable)
    want, want_ok, want_added = _parse(kind, [v.strip() for v in values], nullable)
    pd.testing.assert_series_equal(got, want)
    assert ok == want_ok and added == want_added
    if not nullable and "" in [v.strip() for v in values]:
        assert added[0][2] == "column 'c' is empty; a value is required"


def test_empty_looks_up_only_short_values_and_zero_dates() -> None:
    values = pd.Series(["", "nan", "NULL", "<NA>", "None", "none ", "nulls", "0000-00-00", "0000-00-00 00:00:00",
                        "0000-00-00T00:00:00", "0000-00-01", "abcd", "2026-06-01", None, "江苏"], dtype="str")
    for spellings in (parsing._EMPTY, parsing._EMPTY_DATES):
        assert parsing._empty(values, spellings).tolist() == parsing.isin_text(values, spellings).tolist()
    assert parsing._empty(values, parsing._EMPTY_DATES).tolist() == [True] * 5 + [False] * 2 + [True] * 3 + [False] * 5
    long_only = pd.Series(["JD2026060001", "2026-06-01 00:00:01"] * 3, dtype="str")
    assert not parsing._empty(long_only, parsing._EMPTY).any()
    assert parsing._empty(pd.Series([], dtype="str"), parsing._EMPTY).tolist() == []


def test_a_plain_time_is_known_by_its_length_exactly_as_by_its_pattern() -> None:
    """The quick path takes a column whose values all have 10 or 19 bytes and cast to a naive
    timestamp in the years 1900-2099; that must be exactly the values spelled
    ``^(19|20)\\d\\d-\\d\\d-\\d\\d([ T]\\d\\d:\\d\\d:\\d\\d)?$`` that Arrow casts. 20,000 strings near
    plain times (a character changed, added or dropped, a fraction, an offset, a Z) are
    checked one by one against the pattern."""
    import random
    import re

    import pyarrow as pa

    pattern = re.compile(r"^(19|20)\d\d-\d\d-\d\d([ T]\d\d:\d\d:\d\d)?$")
    rng = random.Random(20261206)
    alphabet = "0123456789-:. TtZz+/_\u3000０"
    seeds = ["2026-06-01 00:00:01", "1999-12-31T23:59:59", "2026-06-01", "2099-12-31 23:59:59",
             "1900-01-01", "0026-06-01 00:00:01", "2100-01-01", "2026-06-01 00:00:01.5",
             "2026-06-01 00:00:01+08:00", "2026-06-01T00:00Z", "2026-06-01 00:00", "0000-01-01 00:00:00",
             "9999-12-31"]
    values = []
    for _ in range(20_000):
        v = list(rng.choice(seeds))
        for _ in range(rng.randint(0, 2)):
            i = rng.randrange(len(v) + 1)
            what = rng.random()
            if what < 0.5 and i < len(v):
                v[i] = rng.choice(alphabet)
            elif what < 0.75:
                v.insert(i, rng.choice(alphabet))
            elif v:
                del v[min(i, len(v) - 1)]
        values.append("".join(v))
    for value in values:
        arr = pa.array([value], pa.large_string())
        try:
            pa.compute.cast(arr, pa.timestamp("us"))
            casts = True
        except pa.ArrowInvalid:
            casts = False
        assert (parsing._plain_times(pd.Series([value]), arr) is not None) == (casts and bool(pattern.match(value))), value
