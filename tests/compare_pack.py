"""Build the shared sample store's report pack and save, or compare, every recorded result.

The pack's recorded results are the numbers a refactor must not move. This script builds
the sample store the tests share (SAMPLE_PARAMS, tests/support/stores.py) through the
``storebook`` command (sample, ingest, report in both languages: the CLI is the interface
that stays stable while modules move), reads every executed notebook's recorded results and either saves them as
``<notebook>.<lang>.json`` in a folder or compares them with a saved folder.

    PYTHONPATH=lib python tests/compare_pack.py save /work/notes/house-baseline
    PYTHONPATH=lib python tests/compare_pack.py compare /work/notes/house-baseline

``compare`` prints each difference (file, record, path inside the value, before, after) and
exits 1 when there is one. Values must be equal; the one allowance is a float that differs
only in its last bits (relative difference ≤ ``--rel``, 1e-12 by default): DuckDB sums in
parallel threads, so the order of a floating-point sum — and its last bit — changes from run
to run of the same code. Those are counted and listed apart, never silently.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
MIME = "application/vnd.storebook.result+json"
LANGUAGES = ("en", "zh")
KEY = "storebook-test-key-not-a-secret-0123456789"


def _sample_params() -> dict[str, Any]:
    sys.path.insert(0, str(REPO / "tests"))
    from support.stores import SAMPLE_PARAMS  # the one statement of the shared sample

    return dict(SAMPLE_PARAMS)


def _storebook(root: Path, *args: str) -> None:
    env = {**os.environ, "STOREBOOK_ROOT": str(root), "STOREBOOK_HASH_KEY": KEY,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "lib"), os.environ.get("PYTHONPATH")]))}
    for var in ("STOREBOOK_RAW", "STOREBOOK_PROCESSED", "STOREBOOK_OUTPUTS"):
        env.pop(var, None)
    subprocess.run([sys.executable, "-m", "storebook.cli", *args], cwd=root, env=env, check=True)


def build_pack(root: Path, params: dict[str, Any]) -> Path:
    """Sample, ingest and report (en and zh) in a fresh workbook root; returns the month folder."""
    for sub in ("data/raw", "data/processed", "outputs"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "storebook.toml", root / "storebook.toml")
    (root / "notebooks").symlink_to(REPO / "notebooks", target_is_directory=True)
    _storebook(root, "sample", "--raw", str(root / "data" / "raw"), "--seed", str(params["seed"]),
               "--end-month", params["end_month"], "--months", str(params["months"]),
               "--scale", str(params["scale"]))
    _storebook(root, "ingest")
    for lang in LANGUAGES:
        _storebook(root, "report", "--month", params["end_month"], "--lang", lang)
    return root / "outputs" / params["end_month"]


def read_records(month_dir: Path) -> dict[str, dict[str, Any]]:
    """``<notebook>.<lang>`` → every result the executed notebook recorded, plus the run's
    data fingerprint under ``_pack.<lang>``."""
    records: dict[str, dict[str, Any]] = {}
    for lang in LANGUAGES:
        folder = month_dir / lang
        run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        records[f"_pack.{lang}"] = {"data_fingerprint": run["data_fingerprint"], "status": run["status"],
                                    "notebooks": {n: r["status"] for n, r in run["notebooks"].items()}}
        for path in sorted(folder.glob("*.ipynb")):
            nb = json.loads(path.read_text(encoding="utf-8"))
            found: dict[str, Any] = {}
            for cell in nb["cells"]:
                for output in cell.get("outputs", []):
                    payload = output.get("data", {}).get(MIME)
                    if payload is not None:
                        payload = json.loads(payload) if isinstance(payload, str) else payload
                        found[payload["name"]] = {"value": payload["value"], "section": payload.get("section")}
            records[f"{path.stem}.{lang}"] = found
    return records


def differences(before: Any, after: Any, where: str = "", rel: float = 0.0,
                last_bits: list[str] | None = None) -> list[str]:
    """Every place where ``after`` differs from ``before``.

    Args:
        before, after: the saved and the new values (JSON).
        where: the path of these values inside the whole (for the messages).
        rel: floats whose relative difference is at most this are not differences; they are
            appended to ``last_bits`` instead (0: exact equality).
        last_bits: collects the floats that differ within ``rel``.

    Returns:
        One line per difference: path, before → after.
    """
    if isinstance(before, dict) and isinstance(after, dict):
        found = [f"{where}/{k}: only before" for k in before.keys() - after.keys()]
        found += [f"{where}/{k}: only after" for k in after.keys() - before.keys()]
        for k in sorted(before.keys() & after.keys()):
            found += differences(before[k], after[k], f"{where}/{k}", rel, last_bits)
        return found
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return [f"{where}: {len(before)} items before, {len(after)} after"]
        return [d for i, (b, a) in enumerate(zip(before, after, strict=True))
                for d in differences(b, a, f"{where}[{i}]", rel, last_bits)]
    if type(before) is not type(after) or before != after:
        if isinstance(before, float) and isinstance(after, float) and math.isclose(before, after, rel_tol=rel):
            if last_bits is not None:
                last_bits.append(f"{where}: {before!r} → {after!r}")
            return []
        return [f"{where}: {before!r} → {after!r}"]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("folder", type=Path, help="where the saved results are (or go)")
    parser.add_argument("--workdir", type=Path, help="build here (default: a temporary folder, removed after)")
    parser.add_argument("--rel", type=float, default=1e-12,
                        help="floats this close (relative) differ only by summation order (default 1e-12)")
    parser.add_argument("--built", type=Path, help="compare the pack already built in this workbook root")
    args = parser.parse_args(argv)
    if args.built:
        records = read_records(args.built / "outputs" / _sample_params()["end_month"])
    else:
        work = args.workdir or Path(tempfile.mkdtemp(prefix="storebook-pack-"))
        try:
            records = read_records(build_pack(work, _sample_params()))
        finally:
            if args.workdir is None:
                shutil.rmtree(work, ignore_errors=True)
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, values in records.items():
            (args.folder / f"{name}.json").write_text(json.dumps(values, ensure_ascii=False, indent=1, sort_keys=True),
                                                      encoding="utf-8")
        print(f"saved {len(records)} files, {sum(len(v) for v in records.values())} records, into {args.folder}")
        return 0
    saved = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.folder.glob("*.json"))}
    last_bits: list[str] = []
    found = differences(saved, records, rel=args.rel, last_bits=last_bits)
    compared = sum(len(v) for v in saved.values())
    for line in last_bits:
        print(f"last bits only: {line}")
    for line in found:
        print(line)
    print(f"{len(saved)} files, {compared} records compared: "
          + ("identical" if not found else f"{len(found)} differences")
          + f" ({len(last_bits)} floats equal within {args.rel:g} relative: summation order)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
