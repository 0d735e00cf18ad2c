"""GA4: a report's "Download file → CSV" by session default channel group (platform ``web``).

The download starts with ``#`` comment lines (property, date range), then the table; dates
are ``YYYYMMDD``; a further section may follow after a blank line and is not read. Rows
need a day (``Date``) and a device (``Device category``: desktop = pc, mobile and tablet =
mobile). Metrics: Total users (else Active users) → visitors, Views → page_views, Items
viewed → product_views, Add to carts → cart_adds, Checkouts → checkouts, Total purchasers
→ buyers, Ecommerce purchases (else Transactions) → orders, Purchase revenue →
paid_amount.

What GA4's numbers mean here: a user with sessions from two channel groups counts in
both (as on 生意参谋), so channel rows are not additive; a ``Grand total`` row, when the
download has one, becomes ``all``. GA4 counts add-to-cart and checkout *events*, not
visitors; the note records it.
"""

from __future__ import annotations

from storebook.sources.reports import SourceReport

GA4_CHANNELS = {
    "Organic Search": "organic_search", "Organic Shopping": "organic_search",
    "Paid Search": "paid_search", "Paid Shopping": "paid_search", "Display": "paid_search",
    "Cross-network": "paid_search", "Paid Other": "paid_search", "Audio": "paid_search",
    "Organic Social": "social", "Paid Social": "social", "Organic Video": "social", "Paid Video": "social",
    "Email": "email", "SMS": "email", "Mobile Push Notifications": "email",
    "Direct": "direct", "Unassigned": "direct", "(other)": "direct",
    "Referral": "referral", "Affiliates": "referral",
}


class Ga4Traffic(SourceReport):
    """GA4 traffic-acquisition download → traffic (platform ``web``)."""

    name = "ga4_traffic"
    description = "GA4 report download by Session default channel group (# comment lines, Date as YYYYMMDD)"
    tables = ("traffic",)
    signature = ("Session default channel group", "Date")
    aliases = {"Session default channel group": ("Session default channel grouping", "Default channel group"),
               "Device category": ("Device Category",)}
    stop_at_blank = True
    platform = "web"
    level1, level2 = "Session default channel group", ""
    date_cols = ("Date",)
    device_cols = ("Device category",)
    metric_cols = {
        "visitors": ("Total users", "Active users", "Users"), "page_views": ("Views", "Screen page views"),
        "product_views": ("Items viewed",), "cart_adds": ("Add to carts",), "checkouts": ("Checkouts",),
        "buyers": ("Total purchasers", "First time purchasers"), "orders": ("Ecommerce purchases", "Transactions"),
        "paid_amount": ("Purchase revenue", "Total revenue"),
    }
    channels = GA4_CHANNELS
    meaning = [
        "GA4: a user with sessions from several channel groups counts in each; a Grand total row, when present, "
        "is the de-duplicated total (channel 'all'). Never sum channel rows.",
        "GA4: cart_adds and checkouts are event counts (Add to carts, Checkouts), not visitors.",
        "GA4: paid_amount is Purchase revenue as GA4 measures it (tagging, not the shop's books).",
    ]


class Ga4Totals(Ga4Traffic):
    """GA4 download by Date × Device category without a channel dimension → the ``all`` rows.

    GA4 de-duplicates users across channel groups only in a report without the channel
    dimension: download one (Date, Device category, Total users, …) beside the channel
    report and its rows become the web platform's ``channel = 'all'`` rows.
    """

    name = "ga4_totals"
    description = "GA4 report download by Date and Device category, no channel dimension (the 'all' rows)"
    signature = ("Date", "Device category", "Total users")
    level1 = ""
    meaning = ["GA4: users by day and device without a channel dimension are GA4's de-duplicated totals: "
               "written as channel 'all'."]

    def header_index(self, rows: list[list[str]]) -> int | None:
        index = super().header_index(rows)
        if index is not None and "Session default channel group" in {self._canon(c) for c in rows[index]}:
            return None  # that is the channel report
        return index

    def map_channel(self, level1, level2):  # noqa: ANN001, ANN201 - every row is the total
        return level1.map(lambda _: "all").astype("str")
