"""The product catalogue as the reports read it, with its optional columns made groupable.

The contract keeps an optional value a real export leaves empty as null (a Shopify
product without a type has no category). A report groups by category, names a product,
keeps the active ones: there a null becomes an explicit value, once, here —

* ``category`` → :data:`UNKNOWN` (``category.unknown`` in the text catalogue);
* ``product_name`` → the SKU itself;
* ``is_active`` → true (a product listed without the flag is taken as on sale).

Costs, suppliers, launch dates and list prices stay null: a figure that needs them uses
only the products where they are known (and says so).

>>> UNKNOWN
'unknown'
"""

from __future__ import annotations

import ibis

from storebook.engine.workbook import Workbook

#: The group a row without a value falls into (a category, a reason …).
UNKNOWN = "unknown"


def products(wb: Workbook) -> ibis.Table:
    """The ``products`` table with category, product name and the active flag filled in.

    Args:
        wb: the workbook.
    Returns:
        The Ibis table, the columns of ``products`` in their order.
    Raises:
        NoDataError: the workbook has no products table.
    """
    p = wb.table("products")
    filled = {"category": lambda t: t.category.fill_null(UNKNOWN),
              "product_name": lambda t: t.product_name.fill_null(t.sku),
              "is_active": lambda t: t.is_active.fill_null(True)}
    # A table written without one of them (a hand-made store) is read as it is.
    return p.mutate(**{c: fill(p) for c, fill in filled.items() if c in p.columns})
