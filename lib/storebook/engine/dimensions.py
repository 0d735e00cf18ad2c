"""The product catalogue as the reports read it, with its optional columns made groupable.

The contract keeps an optional value a real export leaves empty as null (a Shopify
product without a type has no category). A report groups by category, names a product,
keeps the active ones: there a null becomes an explicit value, once, here —

* ``category`` → :data:`UNKNOWN` (``category.unknown`` in the text catalogue);
* ``product_name`` → the SKU itself;
* ``is_active`` → true (a product listed without the flag is taken as on sale: stock is
  measured for it); a caller that counts the active SKUs asks for it unfilled
  (``active=False``): unknown stays unknown, neither active nor inactive.

Costs, suppliers, launch dates and list prices stay null: a figure that needs them uses
only the products where they are known (and says so).

A store of orders alone has no catalogue: :func:`catalogue` reads it as no rows, so a SKU
sold is in the unknown category, at an unknown cost, named by its order lines or its SKU.

>>> UNKNOWN
'unknown'
"""

from __future__ import annotations

import ibis
import pandas as pd

from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError

#: The group a row without a value falls into (a category, a reason …).
UNKNOWN = "unknown"


def products(wb: Workbook, *, names: bool = True, active: bool = True) -> ibis.Table:
    """The ``products`` table with category, product name and the active flag filled in.

    Args:
        wb: the workbook.
        names: fill a missing product name with the SKU (False: leave it null, for a caller
            that names a product from its order lines first).
        active: fill a missing ``is_active`` with true (False: leave it null, for a caller
            that counts the active SKUs: a flag the export does not give is unknown).
    Returns:
        The Ibis table, the columns of ``products`` in their order.
    Raises:
        NoDataError: the workbook has no products table.
    """
    p = wb.table("products")
    filled = {"category": lambda t: t.category.fill_null(UNKNOWN),
              "product_name": lambda t: t.product_name.fill_null(t.sku) if names else t.product_name,
              "is_active": lambda t: t.is_active.fill_null(True) if active else t.is_active}
    # A table written without one of them (a hand-made store) is read as it is.
    return p.mutate(**{c: fill(p) for c, fill in filled.items() if c in p.columns})


#: The types of the catalogue's columns that are not text (an empty catalogue, a missing one).
_DTYPES = {"unit_cost": "float64", "list_price": "float64", "is_active": "bool", "launched_on": "datetime64[us]"}
_IBIS_TYPES = {"unit_cost": "float64", "list_price": "float64", "is_active": "boolean", "launched_on": "date"}


def listed(wb: Workbook, *columns: str, names: bool = True, active: bool = True) -> ibis.Table | None:
    """The catalogue's ``sku`` and ``columns`` (filled as :func:`products` fills them), or
    None where the workbook has no products table (a store of orders alone).

    The read is recorded either way: a section that declares the catalogue optional says
    what its absence means."""
    try:
        table = products(wb, names=names, active=active)
    except NoDataError:
        return None
    return table.select("sku", *columns)


def catalogue(wb: Workbook, *columns: str, names: bool = True, active: bool = True) -> pd.DataFrame:
    """:func:`listed` as a frame: no rows where the workbook has no products table.

    A figure that joins it keeps every SKU sold: not found, a SKU is in no category and has no
    cost (null), and the caller says what that means (the unknown category, a margin unknown).

    Example:
        catalogue(wb, "category", "unit_cost")  # sku, category, unit_cost
    """
    table = listed(wb, *columns, names=names, active=active)
    if table is None:
        dtypes = _DTYPES if active else {**_DTYPES, "is_active": "boolean"}
        return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "str")) for c in ("sku", *columns)})
    return wb.execute(table)


def attach(wb: Workbook, rows: ibis.Table, *columns: str) -> ibis.Table:
    """``rows`` (with a ``sku``) and their SKU's catalogue ``columns``, every row kept.

    A SKU the catalogue does not list, or every SKU where there is no catalogue: its
    category is :data:`UNKNOWN`, its product name the SKU, any other column null.

    Example:
        attach(wb, lines, "category", "unit_cost")  # the lines, their category and unit cost
    """
    table = listed(wb, *columns)
    if table is None:
        nulls = {c: ibis.null(_IBIS_TYPES.get(c, "string")) for c in columns}
        joined = rows.mutate(**nulls)
    else:
        joined = rows.left_join(table, "sku")
        joined = joined.drop("sku_right") if "sku_right" in joined.columns else joined
    filled = {"category": lambda t: t.category.fill_null(UNKNOWN),
              "product_name": lambda t: t.product_name.fill_null(t.sku)}
    return joined.mutate(**{c: fill(joined) for c, fill in filled.items() if c in columns})
