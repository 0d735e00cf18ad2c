"""The per-file phase: one raw file parsed and checked into the parse cache.

Kept apart from :mod:`storebook.ingest.pipeline` so that a parse worker
(:mod:`storebook.ingest.workers`) imports what parsing needs and no more: the pipeline
brings DuckDB, the workbook and Ibis with it (~0.5 s of CPU per worker, before its first file).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from storebook.engine import schema
from storebook.ingest.frames import parse_frame
from storebook.ingest.sources import detect
from storebook.ingest.sources.policy import reading_policy
from storebook.ingest.writing import repeating_columns


def _parse_to_cache(path: Path, raw_root: Path, label: str, key: bytes, today: pd.Timestamp, cache_base: Path,
                    sources) -> float:  # noqa: ANN001 - a sources.Registry
    """Parse and validate one raw file into the parse cache; return the seconds it took.

    Only the cache carries the rows onward, so a file's frames leave memory once written.
    """
    t0 = time.perf_counter()
    frames, dropped, encoding, extras = [], [], "", {}
    with reading_policy(sources.policy):  # [ingest] limits and declared encodings
        source = detect(path, raw_root, sources)
        for sf in source.read(path, raw_root):
            valid, rej = parse_frame(sf, label, key, today, getattr(sources, "vocab", None),
                                     timezone=getattr(sources, "timezone", "Asia/Shanghai"))
            frames.append((sf.table, valid, rej))
            dropped, encoding = sf.dropped_columns, sf.encoding
            extras[sf.table] = (sf.notes, sf.version, sf.supersede_by, sf.currency, sf.currency_column,
                                 sf.folded_rows, sf.folded_kind, sf.currency_rows, sf.currency_unread)
    _write_cache(cache_base, frames, source.name, encoding, dropped, extras)
    return time.perf_counter() - t0


def _statistics_columns(table: pa.Table, name: str) -> list[str]:
    """The columns of the cached part of table ``name`` whose min and max its footer keeps: every
    column but text, and the table's first key column.

    What reads them: the clock check (:func:`storebook.ingest.pipeline._may_be_after`, dates);
    DuckDB in the writes, which skips a part outside a sort range (dates) or outside the keys
    of the parent rows it is joined to (an order line's ``order_id``), and stores numbers in
    fewer bytes while it sorts (``line_no`` as one byte, from its range). Other text columns'
    min and max serve none of these and cost a fifth of the cache's write (a 300,000-row orders
    file: 0.124 → 0.102 CPU-s).
    """
    first_key = schema.key(name)[0] if name in schema.TABLES else None
    return [field.name for field in table.schema
            if field.name == first_key or not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type))]


def _write_cache(base: Path, frames: list, source: str, encoding: str, dropped: list[str],
                 extras: dict | None = None) -> None:
    base.parent.mkdir(parents=True, exist_ok=True)
    # LZ4 rather than pandas' default Snappy: as small and as quick to write, and quicker to
    # read in the cross-file checks and writes, which read each part several times (a month
    # of the 10M bench's orders, best of three: 0.073 CPU-s for DuckDB to read instead of 0.081).
    # Dictionary encoding only for the columns whose values repeat: an id or a time has as many
    # values as rows, and the writer builds a dictionary for it until the dictionary page
    # overflows, then starts the column again plainly (a 300,000-row orders file: 0.18 → 0.15
    # CPU-s to write, and the file 4% smaller). The cache's values are the same either way.
    for table, valid, rej in frames:
        arrow = pa.Table.from_pandas(valid, preserve_index=False)  # with pandas' metadata, as to_parquet
        pq.write_table(arrow, base.parent / f"{base.name}.{table}.parquet", compression="lz4",
                       use_dictionary=repeating_columns(arrow), write_statistics=_statistics_columns(arrow, table))
        rej.to_parquet(base.parent / f"{base.name}.{table}.rejected.parquet", index=False, compression="lz4")
    meta = {"tables": [t for t, _, _ in frames], "source": source, "encoding": encoding, "dropped": dropped,
            "extras": extras or {}}
    tmp = base.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, base.with_suffix(".json"))
