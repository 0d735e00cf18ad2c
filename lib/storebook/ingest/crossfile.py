"""Checks across files, in DuckDB: superseded exports, duplicate keys, orphans.

The per-file phase leaves each file's parsed rows on disk (the parse cache); the
cross-file phase runs in DuckDB over those Parquet parts, so that memory does not grow
with the number of rows or files. DuckDB decides *which* rows are rejected (superseded,
duplicate key, orphan) and reports them by (part, position in the part); only those rows
are then read back into pandas, where the reasons and records are formatted by the same
code as the per-file rejections. Rows are rejected at most once: each check sees only
the rows that survived the checks before it (the ``live_<table>`` views).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from storebook.engine import schema
from storebook.engine.sqltext import literal, quote
from storebook.ingest.rejects import SOURCE_FILE, SOURCE_ROW, records
from storebook.ingest.sources.base import ISO_REGION, REGION_COLUMNS, chinese_province

#: How the parse cache's pandas dtypes arrive in DuckDB (dates are cached as timestamps).
_DUCK_TYPES = {"str": "VARCHAR", "int": "BIGINT", "Int64": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN",
               "timestamp": "TIMESTAMP", "date": "TIMESTAMP"}
SUPERSEDED, DUPLICATE, ORPHAN = 1, 2, 3


@dataclass
class Part:
    """One file's valid rows of one table, as cached on disk by the per-file phase."""

    table: str
    index: int  # the file's place in file order: "first seen" and stable output follow it
    label: str
    path: Path
    rows: int
    version: str | None = None
    supersede_by: list[str] | None = None


#: What ingest's DuckDB may hold in memory, past which it spills to disk, unless
#: ``STOREBOOK_INGEST_MEMORY`` says otherwise (a DuckDB size: "3GB", "1500MB").
INGEST_MEMORY = "3GB"


def ingest_memory() -> str:
    """The memory cap of ingest's DuckDB (``STOREBOOK_INGEST_MEMORY``, else :data:`INGEST_MEMORY`)."""
    return os.environ.get("STOREBOOK_INGEST_MEMORY", "").strip() or INGEST_MEMORY


def connect(tmp: Path) -> duckdb.DuckDBPyConnection:
    """An in-process DuckDB whose memory is capped: past the cap, joins and sorts spill to ``tmp``."""
    con = duckdb.connect()
    tmp.mkdir(parents=True, exist_ok=True)
    con.execute(f"SET temp_directory = {literal(str(tmp))}")
    con.execute(f"SET memory_limit = {literal(ingest_memory())}")
    con.execute(f"SET threads = {max(1, os.cpu_count() or 1)}")
    con.execute("SET preserve_insertion_order = false")  # every result that needs an order sorts
    return con


def register_table(con: duckdb.DuckDBPyConnection, table: str, parts: list[Part]) -> None:
    """``src_<table>``: the parts stacked in file order, with (_part, _pos) to find a row again;
    ``rej_<table>``: the rows rejected across files; ``live_<table>``: the rows not (yet) rejected.

    Not TEMP: the tables are written in parallel, each through a cursor of its own (another
    connection to this in-memory database), which sees the database's views but not another
    connection's temporary ones."""
    cols = ", ".join(f"CAST({quote(c.name)} AS {_DUCK_TYPES[c.kind]}) AS {quote(c.name)}" for c in schema.columns(table))
    # One scan per part (not one multi-file scan): two raw files with the same bytes share a
    # cache file, and must still count as two parts.
    selects = [f"SELECT {p.index}::INTEGER AS _part, file_row_number AS _pos, {cols}, "
               f"CAST({SOURCE_ROW} AS BIGINT) AS {SOURCE_ROW} "
               f"FROM read_parquet({literal(str(p.path))}, file_row_number = true)" for p in parts]
    con.execute(f"CREATE VIEW src_{table} AS " + " UNION ALL ".join(selects))
    con.execute(f"CREATE TABLE rej_{table} (_part INTEGER, _pos BIGINT, stage INTEGER, a BIGINT, b BIGINT)")
    con.execute(f"CREATE VIEW live_{table} AS SELECT s.* FROM src_{table} s ANTI JOIN rej_{table} r USING (_part, _pos)")


def live_rows(con: duckdb.DuckDBPyConnection, table: str, parts: list[Part]) -> dict[int, int]:
    """The rows of each part not rejected across files (part index → rows), without reading a part.

    A row is rejected across files at most once (each check reads the ``live_`` rows only), so
    a part's live rows are its cached rows less its entries in ``rej_<table>``, a small table;
    counting ``live_<table>`` itself would scan every part again.

    Args:
        con: the connection holding ``rej_<table>`` (:func:`register_table`).
        table: the canonical table.
        parts: its parts, as registered.
    Returns:
        {part index: rows written}, for every part.
    """
    rejected = dict(con.sql(f"SELECT _part, count(*) FROM rej_{table} GROUP BY _part").fetchall())
    return {p.index: p.rows - int(rejected.get(p.index, 0)) for p in parts}


def mark_superseded(con: duckdb.DuckDBPyConnection, table: str, parts: list[Part]) -> None:
    """Overlapping exports of one source: per record, keep the newest file's rows.

    A record (rows sharing ``supersede_by`` values) found in several versioned files is
    kept from the file with the greatest version (then the greatest name); its rows in
    the other files are rejected as superseded (``a`` = the winning part). Files without
    a version are left alone.
    """
    marked = [p for p in parts if p.version is not None and p.supersede_by and p.rows]
    if len(marked) < 2:
        return
    by = ", ".join(quote(c) for c in marked[0].supersede_by)
    ranks = ", ".join(f"({p.index}, {r})" for r, p in enumerate(sorted(marked, key=lambda p: (p.version, p.label))))
    con.execute(f"""
        INSERT INTO rej_{table}
        WITH m AS (SELECT s._part, s._pos, {by}, r.rank FROM src_{table} s JOIN (VALUES {ranks}) r(_part, rank) USING (_part)),
             best AS (SELECT {by}, arg_max(_part, rank) AS win FROM m GROUP BY ALL)
        SELECT m._part, m._pos, {SUPERSEDED}, best.win, NULL FROM m JOIN best USING ({by}) WHERE m._part <> best.win""")


#: Tables whose duplicate keys are not settled by file order: the column whose greatest value
#: wins (then the first in file order), with the words the rejection reason gives for it. A
#: stock report that lists a SKU twice for one day and warehouse (Amazon India's Sale Report:
#: four plus-size codes listed, at 0, under a second design as well) holds its stock in the
#: row that counts some: an empty line beside it is a listing with nothing in it, not a count
#: that replaces the other. Two rows that both count stock are not summed either: nothing says
#: they are separate bins rather than the same line twice, and the rejected row shows its units.
KEEP_MOST: dict[str, tuple[str, str]] = {"inventory": ("on_hand", "the row with the most stock on hand is kept")}


def mark_duplicates(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Duplicate keys: the first row in file order wins (``a``, ``b`` = its part and file row),
    or, in a table of :data:`KEEP_MOST`, the row with the greatest value of its column (then the
    first in file order)."""
    keys = [quote(k) for k in schema.key(table)]
    on = " AND ".join(f"l.{k} IS NOT DISTINCT FROM d.{k}" for k in keys)
    most = f"l.{quote(KEEP_MOST[table][0])} DESC NULLS LAST, " if table in KEEP_MOST else ""
    # Find the duplicated keys with a hash aggregate first: ranking only their rows keeps
    # the window (a sort) small when, as usual, almost every key is unique.
    con.execute(f"""
        INSERT INTO rej_{table}
        WITH d AS (SELECT {', '.join(keys)} FROM live_{table} GROUP BY ALL HAVING count(*) > 1),
             w AS (SELECT l._part, l._pos,
                          row_number() OVER k AS n, first_value(l._part) OVER k AS fp,
                          first_value(l.{SOURCE_ROW}) OVER k AS fr
                   FROM live_{table} l SEMI JOIN d ON {on}
                   WINDOW k AS (PARTITION BY {', '.join('l.' + k for k in keys)} ORDER BY {most}l._part, l._pos))
        SELECT _part, _pos, {DUPLICATE}, fp, fr FROM w WHERE n > 1""")


def _parent_values(fk: schema.ForeignKey, present: set[str]) -> str:
    # No DISTINCT: an anti join keeps the rows without a match however many matches there are,
    # and de-duplicating 6.7M order ids costs a third of each orphan check at 10M order lines.
    return (f"SELECT {quote(fk.ref_column)} AS v FROM live_{fk.ref_table}" if fk.ref_table in present
            else "SELECT NULL::VARCHAR AS v WHERE false")


def mark_orphans(con: duckdb.DuckDBPyConnection, present: set[str], supplied: set[str],
                 without_orphans: frozenset[tuple[str, str]] = frozenset()) -> None:
    """Enforced foreign keys, in dependency order: a row whose parent row is missing, or was
    rejected, is rejected in turn — when the parent table was supplied at all. A store that
    has no orders table keeps its shipments; one whose orders file lost an order loses the
    order's lines with it. ``without_orphans``: (table, column) keys already known to have
    none among the live rows (:func:`parcel_record` counts the shipments'), not asked again."""
    for i, fk in enumerate(schema.FOREIGN_KEYS):
        if not fk.enforced or fk.table not in present or fk.ref_table not in supplied:
            continue
        if (fk.table, fk.column) in without_orphans:
            continue
        con.execute(f"""
            INSERT INTO rej_{fk.table}
            SELECT c._part, c._pos, {ORPHAN}, {i}, NULL
            FROM (SELECT _part, _pos, {quote(fk.column)} AS v FROM live_{fk.table} WHERE {quote(fk.column)} IS NOT NULL) c
            ANTI JOIN ({_parent_values(fk, present)}) p ON c.v = p.v""")


#: The foreign key :func:`parcel_record` follows (a parcel to its order).
PARCEL_KEY = ("shipments", "order_id")


def parcel_record(con: duckdb.DuckDBPyConnection, present: set[str]) -> tuple[dict | None, int]:
    """What the fulfilment questions need to know of every parcel and its order, asked while
    the shipments' orphans are looked for: one join of the live shipments to the live orders
    (a full one, so that the orders without any parcel come with it), where the orphan check
    is an anti join over the same keys. Returns (the record, the orphans: shipments naming an
    order that is not among the live orders); (None, -1) without both tables.

    The record, over the parcels that are kept (orphans are rejected):
    ``months``: per month of ``shipped_at`` (``YYYY-MM``), the least and greatest
    ``shipped_at − ordered_at`` of its parcels in microseconds, or None when one of them has
    no order (no ``order_id``) or an order without ``ordered_at``; ``undated``: parcels without
    ``shipped_at``; ``unshipped``: per order status, [status, orders without any parcel, the
    first ``ordered_at`` among them (ISO), those of them without ``ordered_at``].
    storebook.measures.shipments reads it: it bounds the days that hold an order's parcels and
    the orders a month-end backlog can hold, where the same would otherwise be asked of the
    whole history in every report kernel. Run before the orphans are rejected; orders are not
    rejected afterwards (no enforced key of theirs), so the record is of the rows written.
    """
    if not {"shipments", "orders"} <= present:
        return None, -1
    rows = con.sql("""
        SELECT s._s AS parcel,
               CASE WHEN s._s THEN strftime(s.shipped_at, '%Y-%m') END AS month,
               CASE WHEN s._s IS NULL THEN o.status END AS status,
               count(*) AS n,
               count(*) FILTER (WHERE s._s AND s.order_id IS NOT NULL AND o._o IS NULL) AS orphans,
               count(*) FILTER (WHERE s._s AND (s.order_id IS NULL OR (o._o AND o.ordered_at IS NULL))) AS orderless,
               min(epoch_us(s.shipped_at) - epoch_us(o.ordered_at)) AS least_us,
               max(epoch_us(s.shipped_at) - epoch_us(o.ordered_at)) AS most_us,
               min(o.ordered_at) FILTER (WHERE s._s IS NULL) AS first_ordered_at,
               count(*) FILTER (WHERE s._s IS NULL AND o.ordered_at IS NULL) AS undated_orders
        FROM (SELECT order_id, shipped_at, true AS _s FROM live_shipments) s
        FULL OUTER JOIN (SELECT order_id, ordered_at, status, true AS _o FROM live_orders) o
          ON s.order_id = o.order_id
        GROUP BY ALL""").fetchall()
    months: dict[str, list[int] | None] = {}
    undated, orphans, unshipped = 0, 0, []
    for parcel, month, status, n, lost, orderless, least, most, first, undated_orders in rows:
        if not parcel:  # an order without any parcel
            unshipped.append([status, int(n), None if first is None else first.isoformat(), int(undated_orders)])
            continue
        orphans += int(lost)
        if month is None:
            undated += int(n) - int(lost)
        elif orderless:
            months[month] = None
        elif least is not None:  # else only orphans, which are not written
            months[month] = [int(least), int(most)]
    record = {"months": dict(sorted(months.items())), "undated": undated,
              "unshipped": sorted(unshipped, key=lambda r: (r[0] is None, r[0] or ""))}
    return record, orphans


def count_unknown_references(con: duckdb.DuckDBPyConnection, present: set[str]) -> dict[str, dict[str, int]]:
    """Kept references to catalogue rows that do not exist (a SKU not in products, a supplier not in
    suppliers), per table and column, over the rows written: the data-quality figures, not rejections."""
    out: dict[str, dict[str, int]] = {}
    for fk in schema.FOREIGN_KEYS:
        if fk.enforced or fk.table not in present:
            continue
        ((n,),) = con.sql(f"""
            SELECT count(*) FROM (SELECT {quote(fk.column)} AS v FROM live_{fk.table} WHERE {quote(fk.column)} IS NOT NULL) c
            ANTI JOIN ({_parent_values(fk, present)}) p ON c.v = p.v""").fetchall()
        if n:
            out.setdefault(fk.table, {})[fk.column] = int(n)
    return out


def platforms_present(con: duckdb.DuckDBPyConnection, present: set[str]) -> list[str]:
    """The platforms the written rows hold, across every table with a platform column."""
    selects = [f"SELECT DISTINCT platform FROM live_{t}" for t in sorted(present)
               if "platform" in {c.name for c in schema.columns(t)}]
    if not selects:
        return []
    return sorted(v for (v,) in con.sql(" UNION ".join(selects)).fetchall() if v is not None)


def region_countries(con: duckdb.DuckDBPyConnection, present: set[str]) -> dict[str, dict]:
    """The countries the written rows' regions name, where they name one: an ISO 3166-2 code
    (Olist's ``BR-SP``) names its country, a province of China names CN — as ingest reads one
    anywhere (:func:`storebook.ingest.sources.base.chinese_province`: 浙江, 浙江省, Zhejiang, CN-ZJ);
    other text (``Ontario``, ``CA``, a bare ``ZJ``) names none. What the store's identity infers its country from when
    nothing else says (storebook.engine.identity.region_country).

    Returns:
        country → ``rows`` (rows naming it), ``tables`` (``orders.province`` …) and ``regions``
        (its three commonest values); {} when no region names a country.
    """
    selects = [f"SELECT {quote(c)} AS r, {literal(f'{t}.{c}')} AS t FROM live_{t}" for t, c in REGION_COLUMNS
               if t in present]
    if not selects:
        return {}
    # Counted per value first (a store has few regions), then each value named a country here.
    counted = con.sql(f"SELECT r, t, count(*) AS n FROM ({' UNION ALL '.join(selects)}) WHERE r IS NOT NULL "
                      "GROUP BY ALL").fetchall()

    def country_of(region: str) -> str | None:
        if chinese_province(region):
            return "CN"
        m = ISO_REGION.match(region)
        return m[1].upper() if m else None

    rows = sorted(((c, r, t, n) for r, t, n in counted if (c := country_of(str(r)))),
                  key=lambda x: (x[0], -x[3], x[1], x[2]))
    out: dict[str, dict] = {}
    for country, region, where, n in rows:
        found = out.setdefault(country, {"rows": 0, "tables": [], "regions": []})
        found["rows"] += int(n)
        if where not in found["tables"]:
            found["tables"].append(where)
        if region not in found["regions"] and len(found["regions"]) < 3:
            found["regions"].append(region)
    for found in out.values():
        found["tables"].sort()
    return out


def _rows_of(parts: dict[int, Part], hits: pd.DataFrame) -> pd.DataFrame:
    """The cached rows at (_part, _pos) of ``hits``, in the order of ``hits``.

    Read back through pandas as the cached path always did, so that values print the same.
    """
    pieces = []
    for index, group in hits.groupby("_part", sort=False):
        part = parts[int(index)]
        frame = pd.read_parquet(part.path).iloc[group["_pos"].to_numpy()]
        pieces.append(frame.assign(**{SOURCE_FILE: part.label}))  # the cache may come from a renamed file
    return pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else pieces[0].reset_index(drop=True)


def rejected_across_files(con: duckdb.DuckDBPyConnection, table: str, parts: dict[int, Part]) -> list[pd.DataFrame]:
    """The table's cross-file rejections with their reasons: superseded, duplicates, orphans."""
    hits = con.sql(f"SELECT _part, _pos, stage, a, b FROM rej_{table} "
                   f"ORDER BY stage, CASE WHEN stage = {ORPHAN} THEN a ELSE 0 END, _part, _pos").df()
    out = []
    for part_index, group in hits[hits["stage"] == SUPERSEDED].groupby("_part", sort=True):
        rows = _rows_of(parts, group)
        by = parts[int(part_index)].supersede_by
        winners = [parts[int(j)] for j in group["a"]]
        keys = rows[by[0]].astype(str)
        out.append(_frame_of_rejects(table, rows, by[0], keys.to_numpy(), [
            f"superseded: {by[0]}={k} is also in the newer export {w.label} (as of {w.version}); the newest export wins"
            for k, w in zip(keys, winners, strict=True)]))
    dups = hits[hits["stage"] == DUPLICATE]
    if len(dups):
        rows = _rows_of(parts, dups)
        keys = schema.key(table)
        first_files = [parts[int(j)].label for j in dups["a"]]
        kept = f"{KEEP_MOST[table][1]}:" if table in KEEP_MOST else "first seen in"
        reason = [f"duplicate key ({', '.join(f'{k}={v}' for k, v in zip(keys, kv, strict=True))}); {kept} {f} row {r}"
                  for kv, f, r in zip(rows[keys].astype(str).itertuples(index=False), first_files, dups["b"], strict=True)]
        out.append(_frame_of_rejects(table, rows, keys[0], rows[keys[0]].astype(str).to_numpy(), reason))
    for fk_index, group in hits[hits["stage"] == ORPHAN].groupby("a", sort=True):
        fk = schema.FOREIGN_KEYS[int(fk_index)]
        rows = _rows_of(parts, group)
        out.append(_frame_of_rejects(table, rows, fk.column, rows[fk.column].astype(str).to_numpy(),
                                     f"'{fk.column}' has no match in {fk.ref_table}.{fk.ref_column}: the "
                                     f"{fk.ref_table} row is not in the data or was rejected (see "
                                     f"_rejected/{fk.ref_table}.parquet)"))
    return out


def _frame_of_rejects(table: str, rows: pd.DataFrame, column: str, values, reason) -> pd.DataFrame:
    return pd.DataFrame({
        "table": table, "source_file": rows[SOURCE_FILE].to_numpy(), "source_row": rows[SOURCE_ROW].to_numpy(),
        "column": column, "value": values, "reason": reason,
        "record": records(rows.drop(columns=[SOURCE_FILE, SOURCE_ROW])),
    })
