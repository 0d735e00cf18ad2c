"""Recorded results: what a notebook states machine-readably for the index and the tests.

A report notebook calls :func:`record` for each headline number, flagged day or driver.
The value goes into the executed notebook as an output with its own MIME type (the same
idea as scrapbook's ``glue``), invisible in the HTML report, and :func:`read_results`
reads every recorded value back from an executed notebook.

record("traffic.visitors", 12345)
read_results(nbformat.read("outputs/2026-10/traffic.ipynb", 4))["traffic.visitors"]
12345
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

MIME = "application/vnd.storebook.result+json"
#: The report section a value is recorded in (set by :class:`storebook.report.page.Page`).
_SECTION: list[str | None] = [None]


def current_section(key: str | None) -> None:
    """Note the section that the values recorded next belong to (None: outside a section)."""
    _SECTION[0] = key


def to_jsonable(value: Any) -> Any:
    """Turn numpy/pandas values, frames and dates into plain JSON values.

    NaN and infinities become ``None`` (JSON has no NaN).
    """
    if isinstance(value, pd.DataFrame):
        return [to_jsonable(r) for r in value.to_dict(orient="records")]
    if isinstance(value, pd.Series):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return None if pd.isna(value) else value.isoformat()
    if value is pd.NaT or value is pd.NA or value is None:
        return None
    return value


def record(name: str, value: Any) -> None:
    """Record ``value`` under ``name`` (``<notebook>.<what>``) in the running notebook."""
    from IPython.display import display

    payload = {"name": name, "value": to_jsonable(value)}
    if _SECTION[0]:
        payload["section"] = _SECTION[0]
    json.dumps(payload)  # fail here, in the notebook, if the value cannot be stored
    display({MIME: payload}, raw=True)



def _payloads(notebook: Any) -> list[dict[str, Any]]:
    if isinstance(notebook, str | Path):
        import nbformat

        notebook = nbformat.read(str(notebook), as_version=4)
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME in data:
                payload = data[MIME]
                found.append(json.loads(payload) if isinstance(payload, str) else payload)
    return found


def read_results(notebook: Any) -> dict[str, Any]:
    """Every value recorded in an executed notebook (a path or an nbformat node)."""
    return {p["name"]: p["value"] for p in _payloads(notebook)}


def read_result_sections(notebook: Any) -> dict[str, str | None]:
    """The section each recorded value belongs to (None: recorded outside a numbered section)."""
    return {p["name"]: p.get("section") for p in _payloads(notebook)}
