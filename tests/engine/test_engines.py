"""The same metric code on DuckDB and on local PySpark gives the same results.

Spark 4 runs in ANSI mode (a division by zero raises where DuckDB returns NULL), dates and
strings come back in other dtypes, and row order is not guaranteed: these tests run the
library's own functions on both engines over the same processed tables and compare the
normalised frames.
"""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import storebook

pyspark = pytest.importorskip("pyspark", reason="the spark extra is not installed (pip install -e '.[spark]')")
pytestmark = [pytest.mark.spark, pytest.mark.slow, pytest.mark.xdist_group("spark")]

if shutil.which("java") is None:  # pragma: no cover - CI machines have Java 17
    pytest.skip("Spark needs Java 17 on the PATH", allow_module_level=True)


@pytest.fixture(scope="module")
def spark_session():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", str(Path(os.sys.executable)))
    session = (
        SparkSession.builder.master("local[2]").appName("storebook-tests")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def both(sample_root: Path, spark_session):
    """The shared sample store opened on DuckDB and on Spark."""
    processed = sample_root / "data" / "processed"
    duck = storebook.open(processed, root=sample_root)
    spark = storebook.open(processed, root=sample_root, spark_session=spark_session)
    assert spark.con.name == "pyspark" and duck.con.name == "duckdb"
    return duck, spark


def assert_same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    """Equal up to row order and float noise in the last digits."""
    assert list(left.columns) == list(right.columns)
    keys = [c for c in left.columns if not pd.api.types.is_float_dtype(left[c])]
    left = left.sort_values(keys or list(left.columns)).reset_index(drop=True)
    right = right.sort_values(keys or list(right.columns)).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False, rtol=1e-9, atol=1e-9)


def test_core_expressions_agree(both) -> None:
    duck, spark = both
    results = []
    for wb in (duck, spark):
        o = wb.table("orders")
        paid = o.filter(o.paid_at.notnull())
        results.append(wb.execute(
            paid.group_by("platform")
            .aggregate(
                orders=paid.order_id.count(),
                buyers=paid.customer_id.nunique(),
                paid_amount=paid.paid_amount.sum(),
                refund_rate=paid.refund_amount.sum() / paid.paid_amount.sum().nullif(0),
                first_day=paid.paid_at.min().date(),
            )
        ))
    assert_same(*results)
    assert len(results[0]) == 4


def test_guarded_division_by_zero_agrees(both) -> None:
    """A zero denominator gives NULL on both engines instead of an ANSI error on Spark."""
    duck, spark = both
    out = []
    for wb in (duck, spark):
        t = wb.table("traffic")
        zero = t.visitors * 0
        out.append(wb.execute(t.limit(5).select(rate=(t.buyers / zero.nullif(0)))))
    assert out[0]["rate"].isna().all() and out[1]["rate"].isna().all()


# The representative metric functions of the analysis modules: (module, function, kwargs).
METRICS = [
    ("areas.traffic", "summarise_traffic", {}),
    ("areas.conversion", "conversion_funnel", {}),
    ("areas.conversion", "decompose_conversion", {}),
    ("measures.sales", "sum_daily_sales", {"by": ("platform", "category")}),
    ("measures.sales", "sum_monthly_sales", {"by": ("platform", "sku")}),
    ("areas.supplier", "score_suppliers", {}),
    ("measures.buyers", "split_new_returning", {}),
]


@pytest.mark.parametrize(("module", "function", "kwargs"), METRICS, ids=[m[1] for m in METRICS])
def test_metric_functions_agree(both, module: str, function: str, kwargs: dict) -> None:
    duck, spark = both
    mod = importlib.import_module(f"storebook.{module}")
    func = getattr(mod, function)
    period = duck.period("2026-09")
    result_duck = func(duck, period, **kwargs)
    result_spark = func(spark, period, **kwargs)
    frames = [r if isinstance(r, pd.DataFrame) else r.frame for r in (result_duck, result_spark)]
    assert len(frames[0]) > 0
    assert_same(*frames)


def test_a_parquet_lake_uri_on_spark(sample_root: Path, spark_session, both) -> None:
    """A URI (here file://, on a cluster s3a:// or hdfs://) is read by the engine, not by Python."""
    duck, _ = both
    lake = (sample_root / "data" / "processed").as_uri()
    spark = storebook.open(lake, root=sample_root, spark_session=spark_session)
    assert spark.processed_dir == lake and spark.tables() == duck.tables()
    assert spark.generation == duck.generation is not None  # the lake's pointer is followed
    assert spark.fingerprint == duck.fingerprint
    from storebook.areas import traffic

    period = duck.period("2026-09")
    assert_same(traffic.summarise_traffic(duck, period), traffic.summarise_traffic(spark, period))

