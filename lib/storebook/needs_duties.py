"""What the sections of the store-operations, marketing and planning reports need
(merged into :data:`storebook.needs.SECTIONS` by one line there; see that module)."""

from __future__ import annotations

from storebook import needs
from storebook.needs import Need


def _n(table: str | tuple[str, ...], *, values: tuple[str, ...] = (), known: tuple[str, ...] = ()) -> Need:
    return Need(table, values=values, known=known)


def _opt(table: str, *, values: tuple[str, ...] = (), known: tuple[str, ...] = ()) -> Need:
    return Need(table, values=values, known=known, optional=True)


#: Listings are named and grouped by our catalogue where it knows them (else the platform's).
_LISTINGS = (_n("product_traffic", values=("visitors",), known=("buyers",)), _opt("product_traffic", known=("sku",)),
             _opt("products", known=("product_name", "category")))
#: A platform's rating on a scale of 5 needs its scale, and the platforms are weighted by their ratings.
_RATED = _opt("store_ratings", known=("score_max", "day_ratings"))
#: The gross-margin rate a campaign's return is judged at comes from the profit report.
_MARGIN = (_opt("orders"), _opt("order_lines"), _opt("products", known=("unit_cost",)), _opt("platform_fees"),
           _opt("shipments", known=("shipping_cost_amount",)), _opt("returns"))
#: A forecast reads the order history (and the traffic's daily visitors where there are some).
_HISTORY = (_n("orders"), _opt("traffic"))

SECTIONS: dict[str, tuple[Need, ...]] = {
    # the overview's scorecard shows the store rating where the store has one
    **{key: (*needs.SECTIONS[key], _RATED) for key in ("overview.scorecard", "overview.changes")},
    # store operations
    "store_ops.headline": (_n(("store_ratings", "product_traffic")), _RATED, _opt("product_traffic", known=("buyers", "sku")),
                           _opt("products", known=("category",))),
    "store_ops.ratings": (_n("store_ratings", values=("score",)), _RATED, _opt("store_ratings", known=("industry_score",))),
    "store_ops.trend": (_n("store_ratings", values=("score",)), _opt("store_ratings", known=("score_max",))),
    # (a day without ratings has no day score, and a parcel in transit no delivery: values, not coverage)
    "store_ops.dips": (_n("store_ratings", values=("day_score",)), _RATED,
                       _opt("shipments", values=("delivered_at",), known=("carrier", "province", "warehouse")),
                       _opt("orders"), _opt("service_tickets")),
    "store_ops.operations": (_n("orders"), _opt("service_tickets", known=("first_response_at",)),
                             _opt("shipments", values=("delivered_at",)), _opt("returns"), _opt("order_lines"),
                             _opt("products")),
    "store_ops.quality": (_n("orders"), _n("order_lines"), _n("returns"), _opt("products"), _opt("service_tickets"),
                          _opt("suppliers")),
    "store_ops.listings": _LISTINGS,
    "store_ops.to_fix": _LISTINGS,
    "store_ops.changes": (_n("listing_changes"), *_LISTINGS),
    # marketing
    "marketing.headline": (_n("marketing_spend"), _opt("orders", known=("customer_id",))),
    "marketing.budget": (_n("marketing_spend"), _opt("targets")),
    "marketing.campaigns": (_n("marketing_spend"), *_MARGIN),
    "marketing.cac": (_n("marketing_spend"), _n("orders", known=("customer_id",))),
    "marketing.holdouts": (_n("campaign_holdouts", values=("paid_amount",)), _opt("campaign_holdouts", known=("visits",)),
                           _n("marketing_spend"), *_MARGIN),
    "marketing.effect": (_n("campaign_holdouts", values=("visits", "paid_amount"), known=("visits",)),
                         _n("marketing_spend"), *_MARGIN),
    "marketing.decisions": (_n("marketing_spend"), _opt("campaign_holdouts", known=("paid_amount",)), *_MARGIN),
    # planning
    "plan.headline": _HISTORY,
    "plan.forecast": _HISTORY,
    "plan.backtest": _HISTORY,
    "plan.month": _HISTORY,
    "plan.targets": _HISTORY,
}
