"""The fast reader of platform exports (Arrow's CSV reader, readers.read_grid_table) gives
exactly the frame of the Python path (read_grid + grid_frame), or declines the file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from storebook.errors import InputError
from storebook.ingest.sources.base import PlatformSource, money_text, number
from storebook.ingest.sources.readers import grid_frame, read_grid, read_grid_table


class Export(PlatformSource):
    name = "test_export"
    signature = ("A", "B")
    aliases = {"B": ("Bee",)}


class Sections(Export):
    stop_at_blank = True


def python_path(source: PlatformSource, path: Path):
    rows, encoding = read_grid(path)
    index = source.header_index(rows)
    renamed = [source._canon(c) for c in rows[index]]
    raw = grid_frame(path, [*rows[:index], renamed, *rows[index + 1:]], index, encoding,
                     stop_at_blank=source.stop_at_blank)
    return raw, rows[:index], index


def assert_same(fast, slow) -> None:
    (raw_f, pre_f, index_f), (raw_s, pre_s, index_s) = fast, slow
    pd.testing.assert_frame_equal(raw_f.frame, raw_s.frame, check_exact=True)
    pd.testing.assert_series_equal(raw_f.rows, raw_s.rows, check_exact=True)
    assert (raw_f.encoding, pre_f[:index_f], index_f) == (raw_s.encoding, pre_s, index_s)


AWKWARD = {
    # quoted separators and line breaks inside values, padded cells, Excel-protected ids
    "quoted": 'A,B,C\n"1,5", \'0042 ,"two\nlines"\n="7",  x  ,"say ""hi"""\n',
    # a title block above the header, an alias in the header, CRLF line ends
    "preamble": 'Shop report\r\n"range: 2025-03-01 ~ 2025-03-02"\r\n\r\nA,Bee,C\r\n1,2,3\r\n4,5,6\r\n',
    # empty and all-blank rows in the middle and at the end keep the row numbers
    "blank rows": "A,B,C\n1,2,3\n\n , ,\n4,5,6\n,,\n\n",
    # the header's trailing empty names, with empty cells below them
    "trailing header cells": "A,B,C,,\n1,2,3,,\n4,5,6, ,\n",
    # a header whose quoted name holds a line break, and lone CR line ends
    "quoted header": 'x\r"A",B,"C\nD"\r1,2,3\r4,5,6\r',
    # Unicode whitespace is stripped as Python strips it
    "unicode spaces": "A,B\n\u3000甲\u00a0,\x1c1\x85\n\u200b,2\n",
    "header only": "A,B,C\n",
    # a BOM character inside the data is a character like any other
    "bom inside": "A,B\n1,2\n\ufeff3,4\n",
    "no rows below the header but blank ones": "A,B,C\n,,\n\n",
}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("name", sorted(AWKWARD))
@pytest.mark.parametrize("source", [Export(), Sections()], ids=["table", "stop_at_blank"])
def test_fast_reader_matches_the_python_path(tmp_path: Path, name: str, encoding: str,
                                             source: PlatformSource) -> None:
    text = AWKWARD[name]
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip("not encodable")
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    fast = read_grid_table(path, source.header_index, source._canon, stop_at_blank=source.stop_at_blank)
    if name not in {"header only"}:
        assert fast is not None, "the fast path should read this file"
    if fast is not None:
        assert_same(fast, python_path(source, path))
    # load() gives the same whichever path read the file
    assert_same(source.load(path), python_path(source, path))


@pytest.mark.parametrize("text", [
    "A,B,C\n1,2\n3,4,5\n",            # a short row: padded by grid_frame
    "A,B\n1,2,3\n",                   # a value beyond the header
    "A,B\n\ufeff1,2\n",               # a BOM-like character where Arrow would drop it
    "A,B\n1,2\n   \n",                # a line of spaces is one short field
])
def test_rows_of_another_length_go_the_python_way(tmp_path: Path, text: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    source = Export()
    if text.startswith("A,B\n1,2,3"):  # a value beyond the header: the row is rejected, not read
        assert read_grid_table(path, source.header_index, source._canon) is None
        raw = source.load(path)[0]
        assert raw.frame.empty
        assert raw.bad_rows[["row", "column"]].values.tolist() == [[2, ""]]
        assert raw.bad_rows["reason"].iloc[0].startswith("the row has 3 fields but the header has 2")
        return
    assert read_grid_table(path, source.header_index, source._canon) is None
    assert_same(source.load(path), python_path(source, path))


def test_a_header_not_found_is_left_to_the_python_path(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("X,Y\n1,2\n", encoding="utf-8")
    assert read_grid_table(path, Export().header_index, Export()._canon) is None
    with pytest.raises(InputError, match="header of the"):
        Export().load(path)


def test_undecodable_bytes_fail_as_before(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"A,B\n1,\xff\xfe\xff\n")
    with pytest.raises(InputError, match="line 2 .* are neither UTF-8 nor GBK"):
        read_grid_table(path, Export().header_index, Export()._canon)


def test_number_and_money_text_keep_their_meaning() -> None:
    # Python's \s after a currency sign includes U+3000 and \x1c, which RE2's \s does not.
    text = pd.Series(["¥\u30001,299.00", "$\x1c5", "€ 7", "-", "null", "1 234", "١٢"], dtype="str")
    assert number(text).tolist() == ["1299.00", "5", "7", "", "", "1234", "١٢"]
    assert number(text, missing="0").tolist()[3:5] == ["0", "0"]
    values = pd.Series([0.125, -0.0, 0.0, float("nan"), 1.005, 2.675, 1e21, -0.0])
    assert money_text(values).tolist() == [f"{v:.2f}" if v == v else "" for v in values]
    assert money_text(values).tolist()[1] == "-0.00" and money_text(values).dtype == "str"


def test_number_skips_its_clean_up_only_where_it_would_change_nothing() -> None:
    """Values with each white-space character and sign :func:`number` removes, and clean ones:
    the same text as number's four clean-up passes, which it skips on clean columns, give."""
    from storebook.ingest.parsing import plain_numbers
    from storebook.ingest.sources.base import _MISSING, SPACE, _isin

    def with_four_passes(text: pd.Series) -> pd.Series:
        out = text.astype(str).str.strip()
        out = out.str.replace(f"^[¥￥$€][{SPACE}]*", "", regex=True)
        out = out.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
        return plain_numbers(out).where(~_isin(out, _MISSING), "")

    for c in "¥￥$€" + SPACE:
        for value in (f"{c}12.50", f"12{c}", f"1{c}234", c, f"-{c}"):
            text = pd.Series([value, "7"], dtype="str")
            assert number(text).tolist() == with_four_passes(text).tolist(), repr(value)
    clean = pd.Series(["12.50", "-", "1,234.5", "x", "null"], dtype="str")
    assert number(clean).tolist() == ["12.50", "", "1234.5", "x", ""]


@pytest.mark.parametrize("values", [
    ["1", "2", "30"], ["1.50", "", "-0.0", "007", "999999999.999999"], [], ["-0", "0"],
    ["1", "2.0"], ["1e3", "2"], ["1,5", "x", "inf", "NaN", "+3", ".5", "1."], ["1234567890", "1"],
])
def test_to_number_is_pd_to_numeric(values: list[str]) -> None:
    """Arrow's cast where both read the same, pd.to_numeric for anything else: same dtype,
    same values bit for bit (-0.0 included)."""
    import numpy as np

    from storebook.ingest.sources.base import to_number

    text = pd.Series(values, dtype="str", index=range(10, 10 + len(values)), name="q")
    fast, slow = to_number(text), pd.to_numeric(text, errors="coerce")
    pd.testing.assert_series_equal(fast, slow, check_exact=True)
    assert np.array_equal(np.signbit(fast.to_numpy(dtype="float64")), np.signbit(slow.to_numpy(dtype="float64")))
