"""The fixtures every test folder shares: a throw-away workbook root, a tiny hand-written
store, the sample stores built once per test session (shared across xdist workers), and the
end-to-end report packs built from them.

How each is made lives in tests/support (stores, notebooks, packs, reports, sources …):
test files import helpers from there, and never from one another. The helpers older tests
import from here (``from conftest import REPO``) are re-exported below.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from support.stores import (  # noqa: F401  (re-exported: tests import these from conftest)
    FULL_VOLUME_PARAMS,
    REPO,
    SAMPLE_PARAMS,
    TEST_KEY,
    ingest_with_test_key,
    make_root,
    shared_store,
    tables_dir,
    tiny_rows,
    use_root,
    write_csv,
)

if TYPE_CHECKING:  # the pack helpers import the report layer: only the fixtures that need them do
    import storebook
    from support.packs import FullPack

#: Scripts that write fixtures are not test modules (several share the name make_fixtures.py,
#: which --doctest-modules would import under one module name).
collect_ignore_glob = ["fixtures/*"]


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workbook root that storebook finds (STOREBOOK_ROOT) with a fixed hash key."""
    return use_root(make_root(tmp_path / "wb"), monkeypatch)


@pytest.fixture
def tiny(root: Path) -> Path:
    """The tiny store written as canonical raw CSV files; returns the root."""
    for table, rows in tiny_rows().items():
        write_csv(root, table, f"{table}.csv", rows)
    return root


@pytest.fixture(scope="session")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small ingested sample store (14 months to 2026-10, scale 0.2), built once."""
    return shared_store(tmp_path_factory, "sample-store", SAMPLE_PARAMS)


@pytest.fixture(scope="session")
def full_volume_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sales side of a store 150 times the shared one's volume (9 months, scale 30), built once.

    For truths whose tolerance is tighter than the shared store's sampling noise: there the
    planted promotion is expected to sell about 4 units over a baseline of 7 and realised 17,
    so chance alone moves the data far more than the ±20% the estimate is held to. Here it
    is expected to sell about 650 over a baseline of 1,100, and chance moves it by about 5%.
    Only the tables a sales estimate reads are ingested, which keeps the build near a minute.
    """
    return shared_store(tmp_path_factory, "full-volume-store", FULL_VOLUME_PARAMS,
                        keep={"orders", "order_lines", "products", "suppliers", "promotions"})


@pytest.fixture
def sample_env(sample_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point storebook at the shared sample store for one test."""
    monkeypatch.setenv("STOREBOOK_ROOT", str(sample_root))
    monkeypatch.setenv("STOREBOOK_HASH_KEY", TEST_KEY)
    return sample_root


@pytest.fixture
def wb(sample_env: Path):
    """The shared sample store's Workbook."""
    import storebook

    return storebook.open()


@pytest.fixture(scope="session")
def truth(sample_root: Path) -> dict:
    """The planted truths of the shared sample store."""
    return json.loads((sample_root / "data" / "raw" / "_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def full_pack(sample_root: Path, tmp_path_factory: pytest.TempPathFactory) -> FullPack:
    """Every pack notebook's results on the full sample store (:class:`support.packs.FullPack`),
    run in this process once per code version and read notebook by notebook."""
    from support.packs import FullPack, code_digest

    return FullPack(sample_root, tmp_path_factory.getbasetemp().parent / f"full-pack-{code_digest()}")


@pytest.fixture(scope="session")
def fixture_pack(sample_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The CLI run once on the sample store with the fixture notebooks sales, service and
    broken (which raises): :func:`support.reports.build_fixture_pack`."""
    from support.reports import build_fixture_pack

    return build_fixture_pack(sample_root, tmp_path_factory)


@pytest.fixture(scope="session")
def real_pack(sample_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The workbook's own pack on the sample store, two kernels:
    :func:`support.reports.build_real_pack`."""
    from support.reports import build_real_pack

    return build_real_pack(sample_root, tmp_path_factory)


@pytest.fixture
def with_amounts(tmp_path: Path) -> storebook.Workbook:
    """The hand store of tests/support/amounts.py with its orders' amounts."""
    from support.amounts import amount_store

    return amount_store(tmp_path / "amounts", amounts=True)


@pytest.fixture
def units_only(tmp_path: Path) -> storebook.Workbook:
    """The same store as a units-only export: no amount on any order or line."""
    from support.amounts import amount_store

    return amount_store(tmp_path / "units", amounts=False)


@pytest.fixture(autouse=True)
def _input_errors_say_their_own_english(monkeypatch: pytest.MonkeyPatch):
    """Every error a test makes that names a key of the error catalogue (``error.*``: an
    InputError, a BusyError, a ConfigError …) says, from the catalogue in English, exactly its own
    English message: the Chinese beside that entry then translates the words the error really
    uses (an error's English is written at the raise, its catalogue text in
    storebook/report/catalogue/errors.py, and the two must not drift apart). The ``no_data.*``
    keys of a NoDataError are a page's words, not the message's, and are not compared."""
    from storebook.errors import StorebookError

    made: list[StorebookError] = []
    build = StorebookError.__init__

    def recording(self: StorebookError, *args, **kwargs) -> None:
        build(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(StorebookError, "__init__", recording)
    yield
    keyed = [e for e in made if e.key is not None and e.key.startswith("error.")]
    if keyed:
        from storebook.report.text import Text

        en = Text("en")
        drifted = [(str(e), e.said(en)) for e in keyed if e.said(en) != str(e)]
        assert drifted == [], "an error's catalogue English differs from its own (raised, catalogue): " \
                              f"{drifted[:3]}"
