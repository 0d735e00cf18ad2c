"""The sample generator writes its big files a part at a time: the parts' sizes must not
show in the bytes (storebook.sample.writing, orders, fulfilment, platform_files, draws)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from storebook.sample import draws, fulfilment, generate_sample, orders, platform_files, writing
from storebook.sample.writing import Columns, write_csv, write_csv_chunks

# Nine months (the fewest the sample takes) at a small scale, with the platform formats, so
# that the Shopify exports and the rewritten orders and lines files are checked too.
TINY = {"seed": 11, "end_month": "2026-10", "months": 9, "scale": 0.05, "platform_formats": True}


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_write_csv_in_parts_gives_the_bytes_of_one_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cols = Columns({"id": np.array(["a", "b,c", 'd"e'], dtype=object), "n": np.array([1, 22, 333]),
                    "名": np.array(["甲", "", "丙"], dtype=object)})
    expected = ('\ufeffid,n,名\na,1,甲\n"b,c",22,\n"d""e",333,丙\n').encode("utf-8")
    whole = tmp_path / "whole.csv"
    assert write_csv(cols, whole, bom=True) == 3
    assert whole.read_bytes() == expected
    monkeypatch.setattr(writing, "CHUNK_ROWS", 2)
    parts = tmp_path / "parts.csv"
    assert write_csv(cols, parts, bom=True) == 3
    assert parts.read_bytes() == expected
    # Parts given one by one (the first may be empty: it still names the columns).
    lazy = tmp_path / "lazy.csv"
    pieces = [cols.take(np.arange(0)), cols.take(np.arange(0, 1)), cols.take(np.arange(1, 3))]
    assert write_csv_chunks(iter(pieces), lazy, bom=True) == 3
    assert lazy.read_bytes() == expected
    # Appending adds rows without a header or a second byte-order mark.
    assert write_csv(cols.take(np.arange(1)), lazy, mode="a", header=False, bom=True) == 1
    assert lazy.read_bytes() == expected + "a,1,甲\n".encode()


def test_empty_table_writes_its_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writing, "CHUNK_ROWS", 2)
    path = tmp_path / "empty.csv"
    assert write_csv(Columns({"a": np.zeros(0, np.int64), "b": np.zeros(0, object)}), path) == 0
    assert path.read_bytes() == b"a,b\n"


def test_floats_are_refused_in_parts_too(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="float"):
        write_csv_chunks(iter([Columns({"x": np.array([1.5])})]), tmp_path / "f.csv")


def test_categorical_rows_from_a_table_equal_the_full_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    table = np.array([[1.0, 2.0, 3.0], [5.0, 0.0, 1.0], [0.2, 0.2, 9.0]])
    rows = np.random.default_rng(1).integers(0, 3, size=1000)
    full = draws.draw_categorical_rows(np.random.default_rng(5), table[rows])
    monkeypatch.setattr(draws, "_ROWS_AT_ONCE", 7)
    assert np.array_equal(draws.draw_categorical_rows(np.random.default_rng(5), table, rows=rows), full)
    assert np.array_equal(draws.draw_categorical_rows(np.random.default_rng(5), table[rows]), full)
    # Row 1 never draws category 1 (weight 0); the draws follow the weights.
    assert not np.any(full[rows == 1] == 1)
    assert 0.4 < np.mean(full[rows == 0] == 2) < 0.6


def test_store_written_in_small_parts_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate_sample(tmp_path / "one", **TINY)
    for module in (writing, orders, fulfilment):
        monkeypatch.setattr(module, "CHUNK_ROWS", 97)
    monkeypatch.setattr(draws, "_ROWS_AT_ONCE", 13)
    monkeypatch.setattr(platform_files, "SPLIT_ROWS", 101)
    generate_sample(tmp_path / "parts", **TINY)
    one, parts = _digests(tmp_path / "one"), _digests(tmp_path / "parts")
    assert any(name.startswith("shopify/") for name in one)
    assert one.keys() == parts.keys()
    assert [name for name in one if one[name] != parts[name]] == []
