"""The benchmark compares like with like: its three implementations agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from storebook import bench
from storebook.engine.periods import month

pytestmark = pytest.mark.slow


def test_three_implementations_give_the_same_numbers(sample_root: Path) -> None:
    assert bench.check_agreement(sample_root, month("2026-09")) == []


def test_agreement_check_catches_a_wrong_baseline(sample_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A baseline that drops a platform must be reported, or the check proves nothing."""
    query = bench.QUERIES[0]
    wrong = bench.Query(query.name, query.keys, query.storebook, query.sql,
                        lambda p, period: query.pandas(p, period).iloc[1:])
    monkeypatch.setattr(bench, "QUERIES", [wrong])
    assert [d.split(":")[0] for d in bench.check_agreement(sample_root, month("2026-09"))] == [query.name]


def test_scales_are_order_lines_from_the_default_store(sample_root: Path) -> None:
    import json

    truth = json.loads((sample_root / "data/raw/_truth.json").read_text())
    # The test store is 14 months at scale 0.2: lines per month-scale unit must match the constant.
    per_unit = truth["rows"]["order_lines"] / (truth["months"] / 24 * truth["scale"])
    assert per_unit == pytest.approx(bench.LINES_AT_SCALE_1, rel=0.25)


def test_table_shows_ratios() -> None:
    q = {"median_s": 1.0, "peak_rss_mb": 300.0}
    results = {"scales": {"1M": {
        "store": {"rows": {"order_lines": 1_000_000, "orders": 650_000},
                  "ingest": {"seconds": 9.0, "peak_rss_mb": 900.0}},
        "scan": {"median_s": 0.1}, "disagreements": [],
        "queries": {"traffic.summarise_traffic": {
            "storebook": {**q, "median_s": 0.3}, "sql": {**q, "median_s": 0.2}, "pandas": {**q, "median_s": 1.5}}},
    }}}
    table = bench.format_table(results)
    assert "1.50x" in table and "5.0x" in table and "1,000,000 order lines" in table
