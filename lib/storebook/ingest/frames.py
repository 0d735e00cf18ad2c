"""One file's rows, parsed and checked: a source's frame → its valid rows and its rejected rows.

Each column is parsed by its contract type (storebook.ingest.parsing); a value that does not
parse rejects its row with the reason. Customer ids are pseudonymised (a keyed hash, one per
account) and personal columns dropped; vocabulary columns are checked against the workbook's
configuration; then the schema's row rules (storebook.engine.models) run, and a row that breaks
one is rejected with the rule's name.
"""

from __future__ import annotations

import copy
import functools
import hashlib

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

from storebook.engine import schema
from storebook.ingest import parsing
from storebook.ingest.rejects import SOURCE_FILE, SOURCE_ROW, Rejects, records
from storebook.ingest.sources import SourceFrame


def _pseudonymise(values: pd.Series, platform: pd.Series | None, key: bytes) -> pd.Series:
    """Keyed hash of the customer account, per platform (accounts are per platform).

    Each distinct account is hashed once; missing stays missing (so does an account whose
    platform is missing). The distinct accounts are found by Arrow's dictionary encoding, and
    the hashes put back in place by Arrow: pandas' factorize and an object array per row cost
    a third as much again as the hashing itself (a 300,000-row orders file: 0.47 → 0.38 CPU-s).
    """
    def arrow_text(series: pd.Series) -> pa_arrow.Array:
        arr = pa_arrow.array(series.astype(str), from_pandas=True)  # zero-copy for Arrow-backed strings
        arr = arr.combine_chunks() if isinstance(arr, pa_arrow.ChunkedArray) else arr
        return arr.cast(pa_arrow.large_string())

    import pyarrow.compute as pc

    raw = arrow_text(values)
    if platform is not None:  # null when either is: as pandas' "+" left NaN
        raw = pc.binary_join_element_wise(arrow_text(platform), raw, pa_arrow.scalar(":", pa_arrow.large_string()))
    raw = raw.combine_chunks() if isinstance(raw, pa_arrow.ChunkedArray) else raw
    accounts = pc.dictionary_encode(raw)  # null stays null: its index is null
    hashed = _hmac_prefix_array(key, accounts.dictionary.cast(pa_arrow.large_binary()).to_pylist())
    out = pc.take(hashed, accounts.indices).to_pandas().astype("str")
    out.index = values.index  # set, not aligned: the rows are in the order of ``values``
    return out


def _hmac_prefixes(key: bytes, texts: list[str]) -> list[str]:
    """``"c_" + HMAC-SHA256(key, text)`` as 16 hex digits, for each text (UTF-8)."""
    return _hmac_prefix_array(key, [text.encode("utf-8") for text in texts]).to_pylist()


def _hmac_prefix_array(key: bytes, texts: list[bytes]) -> pa_arrow.LargeStringArray:
    """``"c_" + HMAC-SHA256(key, text)`` as 16 hex digits, for each text's bytes, as Arrow text.

    HMAC (RFC 2104) is H((K ^ opad) || H((K ^ ipad) || m)): the two keyed states are hashed
    once here and copied per text, which is ~3x faster than hmac.digest, which re-keys for
    every text (the same bytes: test_ingest checks them against hmac.digest). The loop keeps
    each digest's bytes alone; their hex and the ``c_`` are made for all of them at once, and
    the Arrow array is built from those bytes, not from a Python string per text (a few
    million texts at 10M order lines: ~1.1 → ~0.95 µs a text).
    """
    import numpy as np

    block = hashlib.sha256().block_size
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    inner_copy = hashlib.sha256(bytes(b ^ 0x36 for b in key)).copy
    outer_copy = hashlib.sha256(bytes(b ^ 0x5C for b in key)).copy
    digests = []
    append = digests.append  # a few million texts at 10M order lines: the loop's own calls count
    for text in texts:
        inner = inner_copy()
        inner.update(text)
        outer = outer_copy()
        outer.update(inner.digest())
        append(outer.digest())
    n = len(digests)
    width = 2 + _HASH_HEX  # "c_" and the first 8 bytes in hex
    data = np.empty((n, width), dtype=np.uint8)
    data[:, 0], data[:, 1] = ord("c"), ord("_")
    if n:
        hexed = np.frombuffer(b"".join(digests).hex().encode("ascii"), dtype=np.uint8).reshape(n, 2 * 32)
        data[:, 2:] = hexed[:, :_HASH_HEX]
    offsets = np.arange(0, width * n + 1, width, dtype=np.int64)
    return pa_arrow.LargeStringArray.from_buffers(n, pa_arrow.py_buffer(offsets), pa_arrow.py_buffer(data))


#: Hex digits of a customer's pseudonym after ``c_`` (its first 8 bytes).
_HASH_HEX = 16


#: What a buyer account reads as when there is none: a guest checkout (kept with no customer,
#: never merged into one "guest" customer).
GUEST_SPELLINGS = {"", "na", "n/a", "null", "none", "nan", "guest", "-", "--", "anonymous", "游客", "匿名"}


def _check_vocabulary(table: str, spec: schema.ColumnSpec, values: pd.Series, frame: pd.DataFrame,
                      rejects: Rejects, allowed: list[str]) -> pd.Series:
    """Reject values of a vocabulary column that the workbook's configuration does not list;
    return the ok mask. The reason says which line of storebook.toml adds the value."""
    unknown = values.notna() & ~parsing.isin_text(values.fillna(""), set(allowed))
    if unknown.any():
        setting = spec.vocab.split("+")[0]
        reasons = values.where(unknown, "").map(
            lambda v: f"'{v}' is not one of the workbook's {setting} ({', '.join(allowed)}): add '{v}' "
                      f"to [store].{setting} in storebook.toml if it is right")
        rejects.add(table, frame, unknown, spec.name, reasons, values.fillna(""))
    return ~unknown


def _book_adjustments(orders: pd.DataFrame) -> pd.DataFrame:
    """Orders whose paid amount differs from items − discount + shipping keep the platform's
    paid amount; the difference is booked in ``adjustment_amount`` (reason as the source gave
    it, else ``other``) so that the identity holds to the cent. A source that gave an
    adjustment which does not reconcile is left as it is (the schema rejects the row)."""
    due = (orders["items_amount"] - orders["discount_amount"].fillna(0) + orders["shipping_amount"].fillna(0))
    residual = (orders["paid_amount"] - due).round(2)
    book = (orders["paid_at"].notna() & orders["items_amount"].notna() & orders["adjustment_amount"].isna()
            & (residual.abs() > schema.CENT_TOLERANCE))
    if not book.any():
        return orders
    return orders.assign(
        adjustment_amount=orders["adjustment_amount"].mask(book, residual),
        adjustment_reason=orders["adjustment_reason"].mask(book & orders["adjustment_reason"].isna(), "other"),
    )


def _key_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """Order lines as the contract keys them: a line without a SKU is keyed by its item name
    (``name:<name>``, case and spacing folded, so that every export keys it alike), and a
    missing line amount is quantity × unit price − discount."""
    named = lines["sku"].isna() & lines["item_name"].notna()
    amount = lines["quantity"] * lines["unit_price"] - lines["discount_amount"].fillna(0)
    derive = lines["line_amount"].isna() & lines["unit_price"].notna()
    if not named.any() and not derive.any():
        return lines
    if not named.any():  # all-empty names arrive as floats, which have no .str
        return lines.assign(line_amount=lines["line_amount"].mask(derive, amount.round(2)))
    folded = lines["item_name"].str.casefold().str.split().str.join(" ").str.slice(0, 120)
    return lines.assign(sku=lines["sku"].mask(named, "name:" + folded),
                        line_amount=lines["line_amount"].mask(derive, amount.round(2)))


def parse_frame(sf: SourceFrame, path_label: str, key: bytes, today: pd.Timestamp | None = None,
                vocab: dict[str, list[str]] | None = None, timezone: str = "Asia/Shanghai",
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse and row-validate one file's frame; return (valid rows, rejected rows).

    The valid rows keep ``_source_file`` and ``_source_row`` for the cross-file checks.
    ``vocab`` holds the values the workbook accepts per vocabulary (``Registry.vocab``);
    None checks none. ``today`` is not used: checks that depend on the clock run after the
    parse cache (:func:`_apply_clock`), so that a cached parse never keeps yesterday's
    answer. Values are parsed by :mod:`storebook.ingest.parsing` (timestamps with an offset
    converted to ``timezone``; numbers in the format the adapter declares, else the one the
    file shows).
    """
    table = sf.table
    frame = sf.frame.reset_index(drop=True).assign(
        **{SOURCE_FILE: path_label, SOURCE_ROW: sf.rows.to_numpy()}
    )
    if "customer_id" in frame.columns:
        # Hash the account before anything can copy it into a rejected record (a Shopify
        # customer is an e-mail address).
        text = frame["customer_id"].astype(str).str.strip()
        platform = frame["platform"].astype(str).str.strip() if "platform" in frame.columns else None
        guest = parsing.isin_text(text.str.lower(), GUEST_SPELLINGS)
        frame["customer_id"] = _pseudonymise(text.where(~guest), platform, key).fillna("")
    rejects = Rejects()
    _reject_unread_rows(sf, path_label, rejects)
    ok = pd.Series(True, index=frame.index)
    if sf.problems is not None:  # rows the adapter rejects itself, with its reason
        problems = sf.problems.reset_index(drop=True)
        for column, group in problems[problems["reason"] != ""].groupby("column", sort=False):
            mask = pd.Series(frame.index.isin(group.index), index=frame.index)
            rejects.add(table, frame, mask, str(column), problems["reason"], problems["value"])
            ok &= ~mask
    parsed = {}
    numeric = [frame[c.name] for c in schema.columns(table) if c.kind in {"int", "Int64", "float"}]
    fmt = sf.number_format or parsing.detect_number_format(numeric)
    for spec in schema.columns(table):
        values, col_ok = parsing.parse_column(table, spec, frame[spec.name], frame, rejects, timezone, fmt)
        if spec.vocab and vocab is not None:
            col_ok &= _check_vocabulary(table, spec, values.where(col_ok), frame, rejects, vocab[spec.vocab])
        parsed[spec.name] = values
        ok &= col_ok
    out = pd.DataFrame(parsed)
    if table == "orders":
        out = _book_adjustments(out)
    elif table == "order_lines":
        out = _key_lines(out)
    out[SOURCE_FILE] = frame[SOURCE_FILE]
    out[SOURCE_ROW] = frame[SOURCE_ROW]
    # A row already rejected is reported once, for its first problem.
    first_pass = rejects.frame().drop_duplicates(["source_file", "source_row"])
    valid = out.loc[ok]
    schema_rejects = _schema_rejects(table, valid)
    bad_rows = set(schema_rejects["source_row"]) if len(schema_rejects) else set()
    valid = valid.loc[~valid[SOURCE_ROW].isin(bad_rows)]
    rejected = pd.concat([first_pass, schema_rejects], ignore_index=True)
    if rejects.notes:  # values read as unknown (spreadsheet errors): the file's note says so
        sf.notes = [*sf.notes, *rejects.notes]
    if sf.column_notes and len(rejected):  # the adapter's hint on what the column should hold
        hint = rejected["column"].map(sf.column_notes)
        rejected["reason"] = rejected["reason"].where(hint.isna(), rejected["reason"] + " (" + hint + ")")
    return valid.reset_index(drop=True), rejected


def _reject_unread_rows(sf: SourceFrame, path_label: str, rejects: Rejects) -> None:
    """The rows the reader could not split into columns: rejected as they are, and counted."""
    bad = sf.bad_rows
    if bad is None or not len(bad):
        return
    rejects.parts.append(pd.DataFrame({
        "table": sf.table, "source_file": path_label, "source_row": bad["row"].astype("int64").to_numpy(),
        "column": bad["column"].astype(str).to_numpy(), "value": "", "reason": bad["reason"].astype(str).to_numpy(),
        "record": "{}",  # the row's cells are not shown: they could not be told apart
    }))


@functools.cache
def _row_rules(table: str) -> pa.DataFrameSchema:
    """The table's schema without its key check: keys are checked across all files later."""
    rules = copy.deepcopy(schema.TABLES[table].to_schema())
    rules.unique = None
    return rules


def _schema_rejects(table: str, valid: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``valid`` that break a schema check, one reason per row."""
    data = valid.drop(columns=[SOURCE_FILE, SOURCE_ROW])
    try:
        # In place: ``data`` is this function's own frame, and the model coerces nothing (no
        # ``coerce``), so pandera's defensive deep copy of it only cost time (a 300,000-row
        # orders file: 0.16 of the check's 0.38 CPU-s).
        _row_rules(table).validate(data, lazy=True, inplace=True)
        return Rejects().frame()
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    unplaced = cases[cases["index"].isna()]
    if len(unplaced):  # a dtype or column-level failure means parsing is wrong, not the data
        raise RuntimeError(f"{table}: schema failures without a row after parsing:\n{unplaced.to_string()}")
    cases = cases.copy()
    cases["index"] = cases["index"].astype("int64")
    # A row rule reports every column of the row: keep one line per row and check.
    cases = cases.drop_duplicates(["index", "check"]).drop_duplicates(["index"])
    rows = valid.loc[cases["index"].to_numpy()]
    column = cases["column"].where(cases["schema_context"] == "Column", "").astype(str).to_numpy()
    reason = [_reason(c, chk, val) for c, chk, val in
              zip(cases["schema_context"], cases["check"], cases["failure_case"], strict=True)]
    return pd.DataFrame({
        "table": table,
        "source_file": rows[SOURCE_FILE].astype(str).to_numpy(),
        "source_row": rows[SOURCE_ROW].astype("int64").to_numpy(),
        "column": column,
        "value": cases["failure_case"].astype(str).to_numpy(),
        "reason": reason,
        "record": records(rows.drop(columns=[SOURCE_FILE, SOURCE_ROW])),
    })


def _reason(context: str, check: str, value: object) -> str:
    check = str(check)
    if isinstance(value, float) and value.is_integer():  # failure cases of int columns come back as floats
        value = int(value)
    if context != "Column":
        return f"breaks the rule {check}"
    if check.startswith("isin"):
        return f"'{value}' is not an accepted value ({check[len('isin('):-1]})"
    if check.startswith(("greater_than", "less_than", "in_range")):
        return f"{value} is out of range ({check.replace('_', ' ')})"
    return f"'{value}' fails {check}"
