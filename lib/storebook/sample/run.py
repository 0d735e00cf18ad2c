"""One run of the sample generator: its period, its random streams, and the state its stages
build up.

:class:`SampleRun` is created by :func:`storebook.sample.generator.generate_sample` and
handed to each stage in turn (``build_calendar(g)``, ``build_master_data(g)`` …); a stage
reads what earlier stages put on it and adds its own. Days are indexes from the first day
of the period (day 0); a day before the period is negative.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from storebook.engine import calendar as cal
from storebook.sample.draws import random_stream
from storebook.sample.store import TABLE_FOLDERS


def _parse_month(text: str) -> tuple[int, int]:
    """``"2026-10"`` → ``(2026, 10)``; a clear error for anything else."""
    try:
        y, m = text.split("-")
        y, m = int(y), int(m)
        if not 1 <= m <= 12:
            raise ValueError
    except ValueError:
        raise ValueError(f"end_month={text!r}: expected YYYY-MM, e.g. '2026-10'") from None
    return y, m


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """The (year, month) ``k`` months after (y, m); ``k`` may be negative."""
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


class SampleRun:
    """The period, the random streams and the growing state of one generation run.

    Set here: ``raw`` (the folder written), ``seed``, ``end_month``, ``months``, ``scale``,
    ``progress``, ``platform_formats``; the period: ``start``, ``end``, ``n_days``,
    ``month_list`` ([(year, month)]), ``month_start_idx`` (day index of each month's first
    day), ``day0`` and ``end_ts`` (numpy stamps of the first day and the last second), and
    ``horizon`` (days of demand modelled: the period and 120 days after it, for the
    planners); what was written: ``files`` and ``rows`` per table.

    What the stages add, in the order they run (each module's docstring says more):

    - ``demand.build_calendar``: per day, ``weekday``, ``working``, ``holiday``,
      ``event_kind``, ``shutdown``, ``events``, and the festival ``lift`` and ``beauty_lift``
      per day × platform.
    - ``catalogue.build_master_data``: the suppliers (``supplier_ids``, ``supplier_lt``), the
      SKUs (``sku``, ``sku_name``, ``sku_cat``, ``sku_sup``, ``price``, ``cost`` in cents,
      ``launch``, ``discontinued``, ``n_sku``, ``sku_share`` per platform), the provinces
      (``prov_*``), ``wh_share`` and the ``commission`` rates before and after ``fee_change``.
    - ``demand.build_demand``: ``lam0``, expected units per day × platform × SKU before
      promotions and plants.
    - ``truths.place_truths``: where and when each planted truth happens (``uplift``,
      ``pull``, ``outage_day``, ``cut_day``, ``late_from``, ``mobile_drop``,
      ``complaint_sku`` …).
    - ``promotions.build_promotions``: ``promos`` (and the two planted ones).
    - ``demand.apply_effects``: ``depth`` and ``pidx`` (discount and promotion per day ×
      platform × SKU), the final demand ``lam`` (and ``lam_no_mobile``, which traffic
      follows), the counterfactuals of the truths, ``demand_cum`` for the planners.
    - ``marketing.build_budgets``: ``budgets`` per month × platform × channel.
    - ``orders.simulate_sales``: the month-by-month simulation (customers, inventory and
      purchase orders, orders, shipments, returns, tickets, traffic, marketing) and the logs
      the truths are computed from (``sold``, ``lost``, ``month_aggs`` …).
    - the static tables (catalogue, promotions, purchase orders, competitors, targets), the
      duties' plants (``duties_truths``) and ``truth``.
    """

    def __init__(self, raw_dir: Path, *, seed: int, end_month: str, months: int, scale: float,
                 progress: Callable[[str], None], platform_formats: bool = False):
        """Set the period of ``months`` months ending with ``end_month``.

        Raises:
            ValueError: ``end_month`` is not ``YYYY-MM``, or the period is outside the
                calendar's years.
        """
        self.raw = raw_dir
        self.seed = seed
        self.end_month = end_month
        self.months = months
        self.scale = scale
        self.progress = progress
        self.platform_formats = platform_formats
        ey, em = _parse_month(end_month)
        sy, sm = _add_months(ey, em, -(months - 1))
        self.month_list = [_add_months(sy, sm, k) for k in range(months)]
        self.start = date(sy, sm, 1)
        ny, nm = _add_months(ey, em, 1)
        self.end = date(ny, nm, 1) - timedelta(days=1)
        if not cal.is_covered(self.start, self.end):
            raise ValueError(
                f"the period {self.start}..{self.end} is outside the calendar's years "
                f"{cal.COVERED_YEARS[0]}–{cal.COVERED_YEARS[-1]}: choose another end_month"
            )
        self.n_days = (self.end - self.start).days + 1
        self.horizon = self.n_days + 120  # demand is modelled ahead, for the planners
        self.day0 = np.datetime64(self.start, "D")
        self.end_ts = np.datetime64(self.end, "s") + np.timedelta64(86399, "s")
        self.month_start_idx = [(date(y, m, 1) - self.start).days for (y, m) in self.month_list]
        self.files: list[str] = []
        self.rows: dict[str, int] = {t: 0 for t in TABLE_FOLDERS}
        self.truth: dict = {}


    def rng(self, name: str, *extra: int) -> np.random.Generator:
        """The run's random stream for one purpose (:func:`~storebook.sample.draws.random_stream`)."""
        return random_stream(self.seed, name, *extra)

    def day_index(self, d: date) -> int:
        """The index of date ``d`` (0 = the period's first day)."""
        return (d - self.start).days

    def day_date(self, t: int) -> date:
        """The date of day index ``t``."""
        return self.start + timedelta(days=int(t))

    def month_bounds(self, k_from_end: int) -> tuple[int, int]:
        """Day indexes [first, last] of month end_month − k."""
        i = self.months - 1 - k_from_end
        first = self.month_start_idx[i]
        last = self.month_start_idx[i + 1] - 1 if i + 1 < self.months else self.n_days - 1
        return first, last

    def path(self, table: str, name: str) -> Path:
        """Where file ``name`` of ``table`` is written."""
        return self.raw / table / name

    def record_file(self, table: str, name: str, rows: int) -> None:
        """List a written file (once) and count its rows for ``table``."""
        rel = f"{table}/{name}"
        if rel not in self.files:
            self.files.append(rel)
        self.rows[table] += rows

    def prepare_dir(self) -> None:
        """Refuse to mix with real exports; replace a previous sample's files."""
        self.raw.mkdir(parents=True, exist_ok=True)
        truth = self.raw / "_truth.json"
        previous: list[str] = []
        if truth.exists():
            try:
                previous = json.loads(truth.read_text(encoding="utf-8")).get("files", [])
            except (json.JSONDecodeError, AttributeError):
                previous = []
        for rel in previous:
            p = self.raw / rel
            if p.is_file():
                p.unlink()
        leftovers = [
            p for p in sorted(self.raw.rglob("*"))
            if p.is_file() and not any(part.startswith(("_", ".")) for part in p.relative_to(self.raw).parts)
        ]
        if leftovers:
            raise FileExistsError(
                f"{self.raw} already holds data files (e.g. {leftovers[0].relative_to(self.raw)}) that no earlier "
                "sample wrote: generate the sample into an empty folder so it never mixes with real exports"
            )
        if truth.exists():
            truth.unlink()

    def summary(self, seconds: float) -> dict:
        """What :func:`~storebook.sample.generator.generate_sample` returns."""
        return {
            "rows": {t: self.rows[t] for t in TABLE_FOLDERS},
            "files": sorted(self.files) + ["_truth.json", "_store.json"],
            "seconds": round(seconds, 2),
            "raw_dir": str(self.raw),
            "period": [self.start.isoformat(), self.end.isoformat()],
            "truth": "_truth.json",
        }

