"""The sample store in the platforms' own formats.

The sample generator writes every table in the canonical layout; :func:`write_platform_files`
then moves the web shop's orders into Shopify orders exports (one per month, as a shop
exports them) and Tmall's traffic into one 生意参谋 流量来源 report in GBK, so that every
``storebook ingest`` of the sample store goes through real adapters. The round trip is
lossless for what the contract keeps (tests/ingest/sources/test_sources_roundtrip.py): ingesting the
platform files gives the same tables as ingesting the canonical rows they came from,
except that a web customer's pseudonym is the hash of the e-mail Shopify exports rather
than of the account id (the same customers, other pseudonyms).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from storebook.ingest.sources.shopify import write_orders_export
from storebook.ingest.sources.tmall import write_sycm_traffic

SHOPIFY_FOLDER = "shopify"
TMALL_FOLDER = "tmall"


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _write(frame: pd.DataFrame, path: Path) -> None:
    path.write_text(frame.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL), encoding="utf-8")


def write_platform_files(raw: Path, timezone: str = "Asia/Shanghai") -> list[str]:
    """Move web orders (and their lines) to Shopify exports and Tmall traffic to a 生意参谋
    report (GBK) inside a canonical raw folder ``raw``.

    Args:
        raw: a raw folder in the canonical layout (orders/orders_<YYYY-MM>.csv,
            order_lines/order_lines_<YYYY-MM>.csv, traffic/*.csv).
        timezone: the store's time zone (Shopify writes timestamps with its offset).
    Returns:
        The files written, relative to ``raw`` (the canonical files are rewritten in place
        without the moved rows).
    """
    added: list[str] = []
    for orders_path in sorted((raw / "orders").glob("orders_*.csv")):
        month = orders_path.stem.removeprefix("orders_")
        lines_path = raw / "order_lines" / f"order_lines_{month}.csv"
        orders = _read(orders_path)
        web = orders["platform"] == "web"
        if not web.any():
            continue
        lines = _read(lines_path) if lines_path.is_file() else pd.DataFrame(columns=["order_id"])
        web_ids = set(orders.loc[web, "order_id"])
        web_lines = lines["order_id"].isin(web_ids)
        rel = f"{SHOPIFY_FOLDER}/orders_export_{month}.csv"
        write_orders_export(orders.loc[web], lines.loc[web_lines], raw / rel, timezone)
        added.append(rel)
        _write(orders.loc[~web], orders_path)
        if lines_path.is_file():
            _write(lines.loc[~web_lines], lines_path)
    for traffic_path in sorted((raw / "traffic").glob("*.csv")):
        traffic = _read(traffic_path)
        tmall = traffic["platform"] == "tmall"
        if not tmall.any():
            continue
        days = traffic.loc[tmall, "visited_on"]
        rel = f"{TMALL_FOLDER}/生意参谋_流量来源_{days.min()}_{days.max()}.csv"
        write_sycm_traffic(traffic.loc[tmall], raw / rel, encoding="gbk")
        added.append(rel)
        _write(traffic.loc[~tmall], traffic_path)
    return added
