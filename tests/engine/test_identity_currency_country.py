"""The store's country inferred from the currency its exports state, whichever export states it: a
Shopify orders export whose Currency column says BRL, and a custom source declaring `currency: BRL`
(or `currency: R$`, read as a cell is), each record the file's currency (``_ingest.json`` → files →
currency), and identity.identify reads the store's currency and country from that one record
(found_in_data → calendar.infer_country): Brazil for both.

The last session saw the Shopify store get no country: its test store (support.sources.shopify_orders)
also holds the tiny store's promotions, which run on Tmall, and a store on a Chinese platform keeps
China's calendar and no country of its own (calendar.china_market) — a custom source's store with the
same promotions gets none either, as the second test shows. Hand-made stores, one order each per day."""

from __future__ import annotations

from pathlib import Path

import pytest

from storebook.engine.config import Config
from storebook.engine.identity import identify
from support.mapping import declare, put
from support.sources import file_report, manifest, run, shopify_orders, with_exports

CUSTOM = """
sources:
  - name: shop
    files: "shop/*.csv"
    currency: {currency}
    table: orders
    columns: {{order_id: Order, ordered_at: Placed, paid_at: Placed, paid_amount: Total}}
    constants: {{platform: web, status: completed}}
"""


def _promotions_on(root: Path, platform: str) -> None:
    """The tiny store's promotions (on Tmall) moved to ``platform``."""
    path = root / "data" / "raw" / "promotions" / "promotions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("tmall", platform), encoding="utf-8")


def _shopify(root: Path) -> Path:
    return shopify_orders(root, [dict(Name="#1", Currency="BRL"), dict(Name="#2", Currency="brl")])


def _custom(root: Path, currency: str = "BRL") -> Path:
    with_exports(root)  # the same suppliers, promotions and products as the Shopify store
    declare(root, CUSTOM.format(currency=currency))
    put(root, "shop/orders.csv", """
        Order,Placed,Total
        A1,2025-03-02 10:00,20.00
        A2,2025-03-03 11:00,20.00
    """)
    return root


@pytest.mark.parametrize(("store", "path"), [(_shopify, "orders_export_1.csv"), (_custom, "orders.csv"),
                                             (lambda root: _custom(root, "R$"), "orders.csv")],
                         ids=["shopify Currency BRL", "custom currency: BRL", "custom currency: R$"])
def test_a_store_in_brl_is_in_brazil_whichever_export_states_it(root: Path, store, path: str) -> None:
    shop = store(root)
    _promotions_on(shop, "web")  # sells on its web shop alone
    run(shop)
    assert file_report(shop, path, "orders")["currency"] == "BRL"
    who = identify(Config.load(shop), manifest(shop))
    assert (who.currency, who.currency_stated, who.calendar) == ("BRL", True, None)
    assert who.country == {"code": "BR", "how": "currency", "clue": "BRL", "known": True}


@pytest.mark.parametrize("store", [_shopify, _custom], ids=["shopify Currency BRL", "custom currency: BRL"])
def test_a_store_in_brl_that_sells_on_tmall_keeps_chinas_calendar_either_way(root: Path, store) -> None:
    shop = store(root)  # the promotions run on Tmall: the store sells on a Chinese platform
    run(shop)
    who = identify(Config.load(shop), manifest(shop))
    assert (who.currency, who.calendar, who.country) == ("BRL", {"platforms": ["tmall"]}, None)
