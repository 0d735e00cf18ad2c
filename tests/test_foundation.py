"""The installable workbook: environment, config, data dictionary, periods, engine, CLI."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
import yaml

import storebook
from conftest import REPO
from storebook.cli import main
from storebook.engine import periods, schema
from storebook.engine.config import Config
from storebook.engine.workbook import normalise
from storebook.errors import NoDataError, StorebookError
from storebook.ingest import ingest
from storebook.measures import metrics

# --------------------------------------------------------------------------- environment


def test_environment_yml_delegates_to_pyproject() -> None:
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    # The same minimum Python as pyproject, and pip installing the package itself.
    assert python.split("=")[-1] == project["project"]["requires-python"].lstrip(">=")
    assert "pip" in deps
    pip_part = next(d for d in deps if isinstance(d, dict))["pip"]
    assert pip_part == ["-e .[dev]"]
    # No package is listed twice: conda must not drift from the one list in pyproject.
    assert all(isinstance(d, dict) or d.split("=")[0] in {"python", "pip"} for d in deps)


def test_gitignore_keeps_data_out_of_git() -> None:
    lines = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    for folder in ("data/raw", "data/processed", "outputs"):
        assert f"{folder}/*" in lines and f"!{folder}/.gitkeep" in lines
    assert ".storebook/" in lines and ".venv/" in lines


def test_makefile_is_self_documenting() -> None:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("help", "setup", "report", "test", "lab", "lint"):
        line = next((ln for ln in text.splitlines() if ln.startswith(f"{target}:")), None)
        assert line is not None and "## " in line, f"target {target} lacks a ## description"


# --------------------------------------------------------------------------- data contract


def test_data_dictionary_is_in_sync() -> None:
    committed = (REPO / "docs" / "data_dictionary.md").read_text(encoding="utf-8")
    assert committed == metrics.render_dictionary() + "\n", "run `storebook dictionary`"


def test_every_table_has_grain_key_and_described_columns() -> None:
    for table in schema.TABLES:
        assert schema.grain(table).startswith("One row per"), table
        assert set(schema.key(table)) <= {c.name for c in schema.columns(table)}
        for col in schema.columns(table):
            assert col.description, f"{table}.{col.name} has no meaning in the dictionary"


def test_contract_doc_lists_the_schema_columns() -> None:
    """docs/contract.md (the raw layout) and the schemas must name the same columns."""
    text = (REPO / "docs" / "contract.md").read_text(encoding="utf-8")
    for table in schema.TABLES:
        row = next(ln for ln in text.splitlines() if ln.startswith(f"| {table} |"))
        listed = [c.strip() for c in row.split("|")[3].split(",")]
        assert listed == [c.name for c in schema.columns(table)], table


def test_table_names_are_the_models_tables_in_order() -> None:
    # TABLE_NAMES lets the workbook know the tables without importing pandera.
    assert schema.TABLE_NAMES == tuple(schema.TABLES)


def test_foreign_keys_point_to_keys() -> None:
    for fk in schema.FOREIGN_KEYS:
        assert fk.ref_column in schema.key(fk.ref_table)
        assert list(schema.TABLES).index(fk.ref_table) < list(schema.TABLES).index(fk.table)


# --------------------------------------------------------------------------- config


def test_hash_key_is_generated_once_locally(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STOREBOOK_HASH_KEY")
    config = Config.load(root)
    key = config.hash_key()
    assert len(key) == 64 and (root / ".storebook" / "key").stat().st_mode & 0o077 == 0
    assert Config.load(root).hash_key() == key
    assert sorted(p.name for p in (root / ".storebook").iterdir()) == ["key"]  # no temporary file left


def test_hash_key_is_owner_only_from_the_start_even_under_umask_000(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #15: the folder was created world-writable under umask 000 and the key written
    before its chmod. Every file the key passes through is opened with 0600; nothing is chmod-ed
    narrower afterwards."""
    import os
    import stat

    import storebook.engine.config as config_module

    monkeypatch.delenv("STOREBOOK_HASH_KEY")
    opened: list[tuple[str, int, int]] = []
    chmodded: list[str] = []
    real_open, real_chmod = os.open, os.chmod
    monkeypatch.setattr(config_module.os, "open", lambda path, flags, mode=0o777, **kw: (
        opened.append((str(path), flags, mode)), real_open(path, flags, mode, **kw))[1])
    monkeypatch.setattr(config_module.os, "chmod", lambda path, mode, **kw: (
        chmodded.append(str(path)), real_chmod(path, mode, **kw))[1])
    old_umask = os.umask(0)
    try:
        key = Config.load(root).hash_key()
    finally:
        os.umask(old_umask)
    folder, path = root / ".storebook", root / ".storebook" / "key"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) == 64 and path.read_text().strip().encode() == key
    writes = [o for o in opened if o[1] & os.O_CREAT]
    assert writes and all(mode == 0o600 and flags & os.O_EXCL for _, flags, mode in writes)
    assert str(path) not in chmodded and all(".storebook" not in p or p == str(folder) for p in chmodded)


@pytest.mark.parametrize(("value", "said"), [("", "is empty"), ("x", "is 1 character long"),
                                             ("k" * 31, "is 31 characters long")])
def test_a_short_hash_key_is_refused_with_how_to_make_one(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                          value: str, said: str) -> None:
    monkeypatch.setenv("STOREBOOK_HASH_KEY", value)
    with pytest.raises(StorebookError) as err:
        Config.load(root).hash_key()
    message = str(err.value)
    assert f"the environment variable STOREBOOK_HASH_KEY {said}" in message
    assert "at least 32 random characters" in message and "secrets.token_hex(32)" in message
    monkeypatch.setenv("STOREBOOK_HASH_KEY", "k" * 32)
    assert Config.load(root).hash_key() == b"k" * 32


def test_a_short_key_file_is_refused_and_ingest_stops_on_it(tiny: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture) -> None:
    monkeypatch.delenv("STOREBOOK_HASH_KEY")
    (tiny / ".storebook").mkdir(mode=0o700)
    (tiny / ".storebook" / "key").write_text("short\n")
    assert main(["ingest"]) == 2
    err = capsys.readouterr().err
    assert f"the customer-id hash key in {tiny / '.storebook' / 'key'} is 5 characters long" in err
    assert "delete the file to have a new one generated" in err and "Traceback" not in err
    assert not (tiny / "data" / "processed" / "_current.json").exists()


def test_paths_come_from_config_and_env(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = Config.load(root)
    assert config.processed_dir == root / "data" / "processed"
    monkeypatch.setenv("STOREBOOK_PROCESSED", "/tmp/elsewhere")
    assert Config.load(root).processed_dir == Path("/tmp/elsewhere")


def test_broken_config_names_the_file(root: Path) -> None:
    (root / "storebook.toml").write_text("[store\nname = 1\n")
    with pytest.raises(StorebookError, match=r"storebook.toml: not valid TOML"):
        Config.load(root)


# --------------------------------------------------------------------------- periods


def test_month_periods() -> None:
    p = periods.month("2024-03")
    assert (p.start, p.end, p.days) == (date(2024, 3, 1), date(2024, 4, 1), 31)
    assert p.prior().label == "2024-02" and p.prior().days == 29  # leap year
    assert periods.month("2026-01").prior().label == "2025-12"
    assert p.last_year().label == "2023-03"
    assert p.trailing(13).start == date(2023, 3, 1)
    assert [m.label for m in periods.months_between(periods.month("2025-11"), periods.month("2026-02"))] == [
        "2025-11", "2025-12", "2026-01", "2026-02"]


@pytest.mark.parametrize("text", ["2026-13", "26-10", "October", "2026/10", ""])
def test_malformed_month(text: str) -> None:
    with pytest.raises(periods.PeriodError, match="write it as YYYY-MM"):
        periods.month(text)


# --------------------------------------------------------------------------- engine


def test_normalise_dtypes() -> None:
    frame = pd.DataFrame({
        "ts": pd.to_datetime(["2026-01-01"]).astype("datetime64[ns]"),
        "d": [date(2026, 1, 1)],
        "n": pd.array([1], dtype="Int64"),
        "gap": pd.array([None], dtype="Int64"),
        "s": pd.array(["x"], dtype=object),
    })
    out = normalise(frame)
    assert str(out["ts"].dtype) == "datetime64[us]" and str(out["d"].dtype) == "datetime64[us]"
    assert out["n"].dtype == "int64" and out["gap"].dtype == "float64"
    assert pd.api.types.is_string_dtype(out["s"])
    assert str(frame["ts"].dtype) == "datetime64[ns]"  # the input is left alone


def test_a_flag_with_gaps_stays_a_flag() -> None:
    """DuckDB's nullable BOOLEAN reaches pandas as objects (True, None, False): true, unknown,
    false, not the text "True"/"False" ("False" is truthy, so a filter on it kept every row)."""
    import ibis

    con = ibis.duckdb.connect()
    t = ibis.memtable(pd.DataFrame({"flag": pd.array([True, None, False], dtype="boolean"), "k": [1, 2, 3]}))
    out = normalise(con.execute(t.order_by("k")))
    assert out["flag"].dtype == "boolean"
    assert out["flag"].tolist() == [True, pd.NA, False]
    assert out.loc[out["flag"].fillna(False), "k"].tolist() == [1]
    full = normalise(con.execute(t.filter(t.flag.notnull()).order_by("k")))
    assert full["flag"].dtype == bool and full["flag"].tolist() == [True, False]


def test_workbook_over_tiny_store(tiny: Path) -> None:
    ingest(Config.load(tiny), now=datetime(2026, 11, 27))
    wb = storebook.open()
    assert wb.tables() == ["suppliers", "products", "promotions", "orders", "order_lines"]
    n = wb.execute(wb.orders.filter(wb.orders.paid_at.notnull()).aggregate(n=wb.orders.order_id.count()))
    assert n["n"].iloc[0] == 2
    assert wb.data_range() == (date(2025, 3, 2), date(2025, 3, 6))
    # No month is complete in the data (they end on 6 March): the default is the month they end
    # in, marked partial (storebook.engine.availability), not an empty February.
    assert wb.last_complete_month().label == "2025-03"
    from storebook.engine import availability
    assert availability.resolve_month(wb).partial
    assert wb.sql("select sum(line_amount) as s from order_lines")["s"].iloc[0] == pytest.approx(242.40)
    with pytest.raises(NoDataError, match=r"no orders in 2024-01, nor any other data: the data \(.*\) cover 2025-03-02 to 2025-03-06"):
        wb.period("2024-01")
    with pytest.raises(StorebookError, match="unknown platform"):
        wb.platforms(["amazon"])
    with pytest.raises(NoDataError, match="no 'traffic' table"):
        wb.table("traffic")
    assert len(wb.fingerprint) == 64


def test_open_a_lake_uri(tiny: Path) -> None:
    """A processed location given as a URI is read through it: same tables, same answers."""
    ingest(Config.load(tiny), now=datetime(2026, 11, 27))
    local = storebook.open()
    lake = storebook.open(local.processed_dir.as_uri() + "/")
    assert lake.processed_dir == local.processed_dir.as_uri()
    assert lake.tables() == local.tables() and lake.fingerprint == local.fingerprint
    # The lake holds the layout ingest writes: the pointer names the generation read.
    assert local.generation == lake.generation == "000001"
    assert lake.location("orders") == local.processed_dir.as_uri() + "/_generations/000001/orders"
    assert lake.sql("select sum(line_amount) as s from order_lines")["s"].iloc[0] == pytest.approx(242.40)
    with pytest.raises(NoDataError, match="no 'traffic' table .*/traffic is missing"):
        lake.table("traffic")


def test_a_lake_set_in_the_environment_is_read_not_written(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(Config.load(tiny), now=datetime(2026, 11, 27))
    uri = (tiny / "data" / "processed").as_uri()
    monkeypatch.setenv("STOREBOOK_PROCESSED", uri)
    assert storebook.open().processed_dir == uri  # what the notebooks and the report open
    with pytest.raises(StorebookError, match="ingest writes a local folder: set STOREBOOK_PROCESSED"):
        ingest(Config.load(tiny))


def test_open_without_processed_data(root: Path) -> None:
    with pytest.raises(NoDataError, match="run `storebook ingest`"):
        storebook.open()


# --------------------------------------------------------------------------- CLI


def test_cli_ingest_then_rejected(tiny: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert "rows read =" in out and "orders" in out
    assert main(["rejected"]) == 0
    assert "no rejected rows" in capsys.readouterr().out


def test_cli_bad_input_exits_2_with_one_clear_message(tiny: Path, capsys: pytest.CaptureFixture) -> None:
    (tiny / "data/raw/orders/bad.csv").write_bytes(b"")
    assert main(["ingest"]) == 2
    err = capsys.readouterr().err
    assert "orders/bad.csv: the file is empty" in err and "Traceback" not in err


def test_cli_sample_refuses_to_overwrite_exports(tiny: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["sample"]) == 2
    assert "already holds" in capsys.readouterr().err
    assert main(["sample", "--force"]) == 2  # not a sample store: never deleted
    assert (tiny / "data/raw/orders/orders.csv").is_file()
