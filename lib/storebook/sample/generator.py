"""The sample store: a fictional brand's raw exports, with planted truths.

``generate_sample(raw_dir)`` writes two years of exports of *Lumen & Loom* (暖织家居), a
fictional beauty-and-home brand selling on Tmall, JD, Douyin and its own web shop, in the
canonical raw layout of docs/contract.md, plus ``raw_dir/_truth.json``: the effects the
generator planted (a promotion with a known uplift, a tracking outage, a late supplier …)
with every number needed to check that a report finds them. docs/sample_store.md
describes the store and each truth.

How the data hang together (one demand model, everything else follows from it):

- Expected units per day × platform × SKU (``lam``) = volume × platform share × trend ×
  weekday × yearly season × festival lift (from :mod:`storebook.engine.calendar`) × SKU share
  × launch/discontinuation × promotion effects × planted effects.
- Each day, order lines are drawn from ``lam`` (Poisson), packed into orders (≈1.5 lines
  per order), given a customer from a pool of returning and new customers, and served
  from the warehouse nearest to the customer's province, else the next one; a line that
  no warehouse can serve is lost demand. Inventory falls with every line served and rises
  with purchase-order receipts; a weekly review per supplier reorders up to a target.
- Shipments, returns, refunds and service tickets follow from the served lines; traffic
  is derived from expected orders (visitors) and from the orders table (buyers, orders,
  paid amount, as the platform reports them); marketing spend follows monthly budgets.

The package's modules: the stages, roughly in the order :func:`_run` runs them on one
:class:`~storebook.sample.run.SampleRun` (the run's period, random streams and state), and
after a semicolon the files each writes; then the helpers they share:

- ``store``: the store's fixed facts: platforms, catalogue, suppliers, carriers, truths' sizes
- ``demand``: the festival calendar, the demand model, promotion and planted effects
- ``catalogue``: suppliers, SKUs, provinces, commissions; suppliers, products, platform_fees
- ``truths``: where the planted truths happen (before), what they came to be (after)
- ``promotions``: the store's promotions and the planted ones; promotions
- ``marketing``: monthly budgets; marketing_spend
- ``orders``: the day-by-day sales simulation; orders, order_lines
- ``customers``: the customer pools and their fake personal data
- ``purchasing``: stock, purchase orders, batches; inventory, purchase_orders
- ``fulfilment``: parcels, carriers, transit; shipments
- ``service``: returns, refunds, service tickets; returns, service_tickets
- ``traffic``: the platforms' traffic report; traffic
- ``competitors``: a price-monitoring tool's export; competitor_prices (GBK)
- ``targets``: last year's month grown a little; targets
- ``duties``: ratings, listing traffic and changes, holdouts (new files, own streams)
- ``platform_files``: the web orders as Shopify exports, Tmall traffic as a 生意参谋 report
- ``writing``: exact text for money and times, the CSV and xlsx writers
- ``draws``: the random streams and array helpers

Money is computed in integer cents so that every identity of the contract holds exactly.
Randomness comes from ``numpy.random.default_rng`` streams keyed by (seed, purpose, month):
the same arguments give byte-identical files.

Example (not run here: it writes a whole store)::

    summary = generate_sample(Path("data/raw"), months=14, scale=0.2)
    summary["rows"]["orders"]   # 17512
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from storebook.sample import duties as sample_duties
from storebook.sample.catalogue import (
    build_master_data,
    write_platform_fees,
    write_products,
    write_suppliers,
)
from storebook.sample.competitors import write_competitor_prices
from storebook.sample.demand import apply_effects, build_calendar, build_demand
from storebook.sample.marketing import build_budgets
from storebook.sample.orders import simulate_sales
from storebook.sample.promotions import build_promotions, write_promotions
from storebook.sample.purchasing import write_purchase_orders
from storebook.sample.run import SampleRun
from storebook.sample.store import MIN_MONTHS, PII_COLUMNS, TABLE_FOLDERS
from storebook.sample.targets import write_targets
from storebook.sample.truths import compute_truths, place_truths
from storebook.sample.writing import to_jsonable

__all__ = ["generate_sample", "GENERATOR_VERSION", "TABLE_FOLDERS", "PII_COLUMNS"]

GENERATOR_VERSION = "1.1.0"


def generate_sample(
    raw_dir: Path,
    *,
    seed: int = 20261,
    end_month: str | None = None,
    months: int = 24,
    scale: float = 1.0,
    progress: Callable[[str], None] | None = None,
    platform_formats: bool = True,
) -> dict:
    """Write the sample store's raw exports into ``raw_dir`` and return a summary.

    Args:
        raw_dir: the raw-data folder (``data/raw``); one sub-folder per table is written.
            It must be empty of data, or hold a previous sample (its ``_truth.json``
            lists the files, which are replaced).
        seed: random seed; the same seed, end_month, months and scale give
            byte-identical files.
        end_month: last month of data, ``YYYY-MM``; default the last complete month.
        months: number of months (at least 9; 13+ to have targets from last year).
        scale: multiplies volumes (orders, lines, customers, tickets), not SKUs or days.
        progress: called with a short message as each month is written.
        platform_formats: True (default) moves the web shop's orders into Shopify orders
            exports and Tmall's traffic into a 生意参谋 report in GBK
            (storebook.sample.platform_files), so that every ingest of the sample goes
            through the platform adapters (the processed tables are the same,
            tests/ingest/sources/test_sources_roundtrip.py). False keeps every table in the canonical
            layout of docs/contract.md.

    Returns:
        ``{"rows": {table: n}, "files": [relative paths], "seconds": s, "raw_dir": str,
        "period": [first day, last day], "truth": "_truth.json"}``.

    Example:
        s = generate_sample(Path("/tmp/raw"), months=14, scale=0.2)
        sorted(s["rows"])[:3]
        ['competitor_prices', 'inventory', 'marketing_spend']
    """
    t0 = time.perf_counter()
    raw_dir = Path(raw_dir)
    end_month = end_month or _last_complete_month(date.today())
    if months < MIN_MONTHS:
        raise ValueError(f"months={months}: the sample needs at least {MIN_MONTHS} months to hold its planted truths")
    if not scale > 0:
        raise ValueError(f"scale={scale}: expected a positive number")
    g = SampleRun(raw_dir, seed=int(seed), end_month=end_month, months=int(months), scale=float(scale),
                  progress=progress or (lambda msg: None), platform_formats=platform_formats)
    g.prepare_dir()
    _run(g)
    return g.summary(time.perf_counter() - t0)


def _last_complete_month(today: date) -> str:
    """``YYYY-MM`` of the month before ``today``'s."""
    first = today.replace(day=1)
    last_prev = first - timedelta(days=1)
    return f"{last_prev.year:04d}-{last_prev.month:02d}"


def _run(g: SampleRun) -> None:
    """Run the stages in order: each reads what the ones before it put on ``g``."""
    build_calendar(g)
    build_master_data(g)
    build_demand(g)
    place_truths(g)
    build_promotions(g)
    apply_effects(g)
    build_budgets(g)
    simulate_sales(g)
    _write_static(g)
    g.duties_truths = sample_duties.plant(g)  # ratings, listings, holdouts: new files only
    if g.platform_formats:
        from storebook.sample.platform_files import write_platform_files

        g.files += write_platform_files(g.raw)
    _write_truth(g)


def _write_static(g: SampleRun) -> None:
    """Write the tables that are whole only once the simulation has run."""
    write_suppliers(g)
    write_products(g)
    write_platform_fees(g)
    write_promotions(g)
    write_purchase_orders(g)
    write_competitor_prices(g)
    write_targets(g)


def _write_truth(g: SampleRun) -> None:
    """Write ``_truth.json`` (the run's parameters, files, rows and planted truths) and
    ``_store.json`` (the store's name, which the pack shows)."""
    g.truth = compute_truths(g)
    doc = {
        "generator": "storebook.sample",
        "generator_version": GENERATOR_VERSION,
        "seed": g.seed,
        "end_month": g.end_month,
        "months": g.months,
        "scale": g.scale,
        "platform_formats": g.platform_formats,
        "period": {"first_day": g.start.isoformat(), "last_day": g.end.isoformat()},
        "store": {"name": "Lumen & Loom", "name_zh": "暖织家居", "brands": ["Lumen Lab", "Lumen & Loom"]},
        "files": sorted(g.files),
        "rows": {t: g.rows[t] for t in TABLE_FOLDERS},
        "truths": g.truth,
    }
    text = json.dumps(to_jsonable(doc), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (g.raw / "_truth.json").write_text(text, encoding="utf-8")
    # The store describes itself (storebook.engine.identity): the pack names it from this file.
    store = {"name": "Lumen & Loom", "name_zh": "暖织家居", "currency": "CNY"}
    (g.raw / "_store.json").write_text(json.dumps(store, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
