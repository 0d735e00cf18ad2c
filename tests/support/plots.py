"""Drawing a figure the way the report pages do, and what matplotlib complained about."""

from __future__ import annotations

import logging
import warnings

import pytest
from matplotlib.figure import Figure

from storebook.report import plots


def draw_capturing_glyph_problems(fig: Figure, caplog: pytest.LogCaptureFixture) -> tuple[bytes, list[str]]:
    """Render a figure; return the PNG and every 'missing glyph' message matplotlib gave."""
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING, logger="matplotlib"):
        warnings.simplefilter("always")
        png = plots.to_png(fig)
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    return png, [m for m in messages if "missing from font" in m or "findfont" in m]
