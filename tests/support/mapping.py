"""Helpers for the mapping-language tests: write a declaration and raw files into a
workbook root, run ingest, read what came out."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from storebook.errors import IngestError
from support.sources import EXAMPLES, run
from support.stores import REPO, ingest_with_test_key, make_root

REALDATA_ENV = "STOREBOOK_REALDATA"


def declare(root: Path, text: str) -> None:
    """Write ``storebook.sources.yaml`` (dedented) beside storebook.toml."""
    (root / "storebook.sources.yaml").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def put(root: Path, rel: str, text: str | bytes, encoding: str = "utf-8") -> Path:
    """Write a raw file under data/raw (text is dedented and encoded)."""
    path = root / "data" / "raw" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else textwrap.dedent(text).lstrip("\n").encode(encoding))
    return path


def failure(root: Path, **kwargs) -> str:
    """The message of the IngestError an ingest of ``root`` stops with."""
    with pytest.raises(IngestError) as err:
        run(root, **kwargs)
    return str(err.value)


def realdata() -> Path | None:
    """/work/shared/realdata as tests find it: $STOREBOOK_REALDATA or <project>/../shared/realdata."""
    env = os.environ.get(REALDATA_ENV)
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "realdata")
    return next((c for c in candidates if c.is_dir()), None)


def realdata_folder(name: str) -> Path:
    """A folder of the shared real exports, or skip the test saying why."""
    base = realdata()
    if base is None or not (base / name).is_dir():
        pytest.skip(f"the real exports ({name}) are not here: set {REALDATA_ENV} or put shared/realdata beside the project")
    return base / name


def allow_platform(root: Path, platform: str) -> None:
    """Add a platform to the workbook's [store].platforms (as an example's README says)."""
    toml = root / "storebook.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('platforms = ["tmall", "jd", "douyin", "web"]',
                                 f'platforms = ["tmall", "jd", "douyin", "web", "{platform}"]'), encoding="utf-8")


def install(root: Path, example: str, files: list[Path], folder: str = "exports") -> Path:
    """Copy an example's declaration and some files (unchanged) into a workbook."""
    shutil.copy(EXAMPLES / example / "storebook.sources.yaml", root / "storebook.sources.yaml")
    target = root / "data" / "raw" / folder
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy(path, target / path.name)
    return root


def olist_bare_states(root: Path) -> None:
    """Make the installed Olist declaration write each order's state as Olist's files do (``SC``),
    not as the example writes it (``BR-SC``): a mapping as a user may write it. The sellers'
    regions keep the example's ``BR-`` prefix."""
    path = root / "storebook.sources.yaml"
    text = path.read_text(encoding="utf-8")
    bare = text.replace('"\'BR-\' || customers.customer_state"', '"customers.customer_state"')
    assert bare.count('"customers.customer_state"') == 2  # the orders' and the shipments' province
    path.write_text(bare, encoding="utf-8")


def mum_baby_store(folder: Path) -> Path:
    """A workbook at ``folder`` holding the real Tianchi mum-and-baby trade history (Taobao,
    units only), mapped by examples/taobao_mum_baby and ingested (skips where the real exports
    are absent). Returns its root."""
    trades = realdata_folder("tianchi_taobao_mum_baby_data_anlysis") / "sam_tianchi_mum_baby_trade_history.csv"
    root = make_root(folder)
    allow_platform(root, "taobao")
    install(root, "taobao_mum_baby", [trades], folder="tianchi")
    ingest_with_test_key(root)
    return root


def shopify_orders_store(folder: Path) -> Path:
    """A workbook at ``folder`` holding the real Shopify orders export alone, ingested (skips
    where the real exports are absent). Returns its root."""
    export = realdata_folder("shopify_orders_forezia-mock-data") / "orders_export.csv"
    root = make_root(folder)
    (root / "data" / "raw" / "shopify").mkdir(parents=True)
    shutil.copy(export, root / "data" / "raw" / "shopify" / export.name)
    ingest_with_test_key(root)
    return root
