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
from collections.abc import Callable
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


#: Rows of a month's orders or lines read, split and rewritten at a time.
SPLIT_ROWS = 50_000


def _split(path: Path, moved: Callable[[pd.DataFrame], pd.Series], always: bool = False) -> pd.DataFrame | None:
    """Take the rows ``moved`` marks out of the CSV ``path``, a part at a time: the file is
    rewritten with the others (the bytes :func:`_write` writes for them all at once) and the
    moved rows are returned. None, and the file is left as it is, if no row is moved and
    not ``always``."""
    tmp = path.with_name(path.name + ".part")
    taken = []
    with tmp.open("w", encoding="utf-8") as out:
        reader = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", chunksize=SPLIT_ROWS)
        for i, part in enumerate(reader):
            mask = moved(part)
            taken.append(part.loc[mask])
            out.write(part.loc[~mask].to_csv(index=False, header=i == 0, lineterminator="\n",
                                             quoting=csv.QUOTE_MINIMAL))
    if not taken:  # no row at all: nothing to move, the file stays
        tmp.unlink()
        return _read(path).iloc[:0] if always else None
    if not always and not any(len(t) for t in taken):
        tmp.unlink()
        return None
    tmp.replace(path)
    return pd.concat(taken)


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
        web_orders = _split(orders_path, lambda part: part["platform"] == "web")
        if web_orders is None:
            continue
        web_ids = set(web_orders["order_id"])
        web_lines = (_split(lines_path, lambda part, ids=web_ids: part["order_id"].isin(ids), always=True)
                     if lines_path.is_file() else pd.DataFrame(columns=["order_id"]))
        rel = f"{SHOPIFY_FOLDER}/orders_export_{month}.csv"
        write_orders_export(web_orders, web_lines, raw / rel, timezone)
        added.append(rel)
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
