"""Shopify: the orders export (``orders_export*.csv``) and the products export
(``products_export*.csv``), as Shopify writes them.

The orders export has one row per line item; the second and later rows of an order leave
the order-level columns blank. Timestamps carry their offset (``2021-05-13 11:01:13 +0200``)
and are converted to the store's time zone. Identifiers that Excel would mangle carry a
leading apostrophe (``'4001``). Several exports may overlap (one per month, re-exported
later): an order found in two files is kept from the newer export, the one whose latest
timestamp is later ("newest wins"); the other copy is rejected as superseded.

What the export does not say, and how storebook reads it:

- customer: the export has no customer id; the e-mail (else the phone) identifies the
  buyer, pseudonymised at ingest like every customer id; names, addresses, phones, notes
  and payment references are dropped;
- channel: from ``utm_source``/``utm_medium`` in ``Note Attributes`` (see :func:`utm_channel`);
  no UTM = ``direct``;
- device: a ``device`` note attribute when the checkout records one, an app ``Source``
  (iphone/android) = mobile, else ``pc``;
- promotion: a ``promo_id`` note attribute or a ``promo:<id>`` tag;
- status: cancelled (``Cancelled at`` set, or voided) → ``cancelled``; ``refunded`` →
  ``refunded``; fulfilled → ``shipped``, or ``completed`` with a ``delivered`` tag;
  paid → ``paid``; pending, authorized or unpaid (no ``Paid at``) → ``pending`` (kept: the
  payment rate needs them); expired → ``closed``;
- amounts: items = Σ line quantity × price; discount = items − Subtotal (product
  discounts); paid = Total, what the buyer paid; taxes added on top of prices are booked as
  the order's adjustment (reason ``tax``), so that paid = items − discount + shipping + tax;
- a line without a SKU (a custom item, a gift card) keeps its ``Lineitem name`` and is keyed
  by it at ingest; a guest checkout (no e-mail, no phone) has no customer.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from storebook.ingest.sources.base import (
    SPACE,
    PlatformSource,
    SourceFrame,
    blank,
    canonical,
    code,
    map_unique,
    money_text,
    name_key,
    number,
    to_number,
)
from storebook.ingest.sources.base import province as to_province
from storebook.ingest.sources.readers import RawFrame

PLATFORM = "web"

#: utm_medium → channel (lower case). Checked before the source.
MEDIUM_CHANNELS = {
    "organic": "organic_search", "seo": "organic_search",
    "cpc": "paid_search", "ppc": "paid_search", "paid": "paid_search", "paidsearch": "paid_search",
    "sem": "paid_search", "paid_search": "paid_search", "display": "paid_search", "banner": "paid_search",
    "social": "social", "social-network": "social", "social_media": "social", "sm": "social",
    "paidsocial": "social", "paid_social": "social",
    "email": "email", "e-mail": "email", "newsletter": "email", "edm": "email",
    "live": "live_stream", "livestream": "live_stream", "live_stream": "live_stream",
    "recommendation": "recommendation", "recommend": "recommendation",
    "referral": "referral", "affiliate": "referral", "partner": "referral", "kol": "social",
}
#: utm_source → channel when the medium says nothing we know.
SOURCE_CHANNELS = {
    "google": "organic_search", "baidu": "organic_search", "bing": "organic_search", "sogou": "organic_search",
    "360": "organic_search", "weibo": "social", "wechat": "social", "weixin": "social",
    "xiaohongshu": "social", "douyin": "social", "tiktok": "social", "facebook": "social",
    "instagram": "social", "bilibili": "social", "newsletter": "email", "email": "email",
}

#: What identifies an orders export: an order (Name, Created at) and its lines (a quantity,
#: and a SKU or a name). Every other column varies with the export's year and is optional.
ORDER_SIGNATURE = ("Name", "Created at", "Lineitem quantity")
ORDER_SIGNATURE_ANY = (("Lineitem name", "Lineitem sku"),)
PRODUCT_SIGNATURE = ("Handle", "Title", "Variant Price")
ORDER_LEVEL = ["Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Currency", "Subtotal",
               "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Created at", "Note Attributes",
               "Cancelled at", "Refunded Amount", "Tags", "Source", "Phone", "Shipping Province",
               "Shipping Province Name", "Billing Province", "Billing Province Name", "Shipping Country",
               "Billing Country"]


def _shopify_name(name: str, known: dict[str, str]) -> str:
    """A header name as Shopify spells it today (``known``: lower case → name); exports of
    other years and tools vary the case (``Lineitem SKU``, ``Created At``)."""
    name = " ".join(name.replace("\ufeff", "").split())
    return known.get(name.lower(), name)


def utm_channel(source: str, medium: str) -> str:
    """The channel of an order from its UTM source and medium.

    >>> utm_channel("google", "cpc"), utm_channel("weibo", ""), utm_channel("", "")
    ('paid_search', 'social', 'direct')
    """
    source, medium = source.strip().lower(), medium.strip().lower()
    if medium in MEDIUM_CHANNELS:
        return MEDIUM_CHANNELS[medium]
    if source in SOURCE_CHANNELS:
        return SOURCE_CHANNELS[source]
    if not source and not medium:
        return "direct"
    return "referral"  # a tagged link from somewhere we have no name for


def note_attributes(text: str) -> dict[str, str]:
    """Shopify's ``Note Attributes`` cell ("key: value" per line) as a dict (keys lower case)."""
    out = {}
    for line in str(text).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip().lower()] = value.strip()
    return out


def _tag_value(tags: list[str], prefix: str) -> str:
    """The value of the first ``prefix<value>`` tag (prefix compared without case)."""
    return next((t[len(prefix):].strip() for t in tags if t.lower().startswith(prefix)), "")


# Python's \s spelled out (see base.SPACE): pandas then runs these in Arrow, not value by value.
_WITH_OFFSET = rf"^\d{{4}}-\d{{2}}-\d{{2}}[ T]\d{{2}}:\d{{2}}(:\d{{2}})?[{SPACE}]*(Z|[+-]\d{{2}}:?\d{{2}})$"
_OFFSET = rf"[{SPACE}]*([+-]\d{{2}}):?(\d{{2}})$"


#: Shopify's own spelling (``2021-05-13 11:01:13 +0200``), within the years and offsets that
#: the general reading below accepts alike.
_USUAL = r"^(19|20)\d\d-\d\d-\d\d \d\d:\d\d:\d\d [+-](0\d|1[0-4])[0-5]\d$"


def _usual_utc(s: pd.Series) -> pd.Series | None:
    """The UTC instants of stripped cells ("" = none, NaT) when every other cell is in Shopify's
    usual spelling; else None, and the general reading decides.

    Read by position in Arrow: the general reading's regex rewrite of every offset and
    pandas' ISO 8601 parser cost ~4x more, and every export of the orders writes this
    spelling. A date that does not exist (02-30) fails Arrow's cast: None, so that the
    general reading passes the text on for ingest to reject.
    """
    arr = pa.array(s, type=pa.large_string(), from_pandas=True)
    filled = pc.not_equal(arr, "")
    if not pc.all(pc.or_(pc.invert(filled), pc.match_substring_regex(arr, _USUAL))).as_py():
        return None
    cells = arr.filter(filled)
    try:
        naive = pc.cast(pc.utf8_slice_codeunits(cells, 0, 19), pa.timestamp("s")).cast(pa.int64())
    except pa.ArrowInvalid:
        return None
    part = lambda a, b: pc.cast(pc.utf8_slice_codeunits(cells, a, b), pa.int64()).to_numpy()  # noqa: E731
    offset = part(21, 23) * 3600 + part(23, 25) * 60
    offset = np.where(pc.equal(pc.utf8_slice_codeunits(cells, 20, 21), "-").to_numpy(zero_copy_only=False),
                      -offset, offset)
    out = np.full(len(s), np.datetime64("NaT"), dtype="datetime64[s]")
    out[filled.to_numpy(zero_copy_only=False)] = (naive.to_numpy() - offset).astype("datetime64[s]")
    return pd.Series(out, index=s.index, name=s.name).dt.tz_localize("UTC")


def _utc(s: pd.Series, *, only_with_offset: bool) -> pd.Series:
    """The UTC instants of stripped cells (NaT where none): Shopify's usual spelling read by
    :func:`_usual_utc`, any other by pandas' ISO 8601 reading of the offset rewritten as
    ``+hh:mm`` (``only_with_offset``: a cell without an offset is NaT, not read as UTC)."""
    parsed = _usual_utc(s)
    if parsed is not None:
        return parsed
    iso = s.str.replace(_OFFSET, r"\1:\2", regex=True).str.replace(" ", "T", n=1)
    if only_with_offset:
        iso = iso.where(s.str.match(_WITH_OFFSET))
    return pd.to_datetime(iso, format="ISO8601", utc=True, errors="coerce")


def to_local(text: pd.Series, timezone: str) -> pd.Series:
    """Shopify timestamps with an offset → naive local time in ``timezone`` (as text).

    Values without an offset are taken as local already; values that do not parse are
    passed on unchanged so that ingest rejects them with their row.
    """
    s = text.astype(str).str.strip()
    s = s.where(~blank(s), "")
    parsed = _utc(s, only_with_offset=True)
    local = parsed.dt.tz_convert(timezone).dt.tz_localize(None).dt.strftime("%Y-%m-%d %H:%M:%S")
    return local.where(parsed.notna(), s).astype("str")


def _channel_of_note(note: str) -> str:
    attrs = note_attributes(note)
    return utm_channel(attrs.get("utm_source", ""), attrs.get("utm_medium", ""))


def _utc_max(frames: list[pd.Series]) -> str | None:
    values = []
    for s in frames:
        s = s.astype(str).str.strip()
        s = s[~blank(s).to_numpy()]  # most cells are blank (an order's second line, no cancellation)
        parsed = _utc(s, only_with_offset=False)
        parsed = parsed[parsed.dt.year.between(1, 9999)]  # no version past year 9999: its row is rejected
        if len(parsed):
            values.append(parsed.max())
    return max(values).strftime("%Y-%m-%dT%H:%M:%SZ") if values else None


class ShopifyOrders(PlatformSource):
    """Shopify orders export → orders + order_lines (platform ``web``)."""

    name = "shopify_orders"
    description = "Shopify orders export, orders_export*.csv"
    tables = ("orders", "order_lines")
    signature = ORDER_SIGNATURE
    signature_any = ORDER_SIGNATURE_ANY

    def __init__(self, timezone: str = "Asia/Shanghai", country: str = "") -> None:
        self.timezone = timezone
        #: The store's ``[store] country`` ("" when not set): the country of an address that names none.
        self.country = country

    def _canon(self, name: str) -> str:
        return _shopify_name(name, _ORDER_NAMES)

    def convert(self, path: Path, raw: RawFrame, preamble: list[list[str]]) -> Iterator[SourceFrame]:
        f = raw.frame
        col = lambda *names: self.col(f, *names)  # noqa: E731
        name = code(col("Name"))
        # Order-level columns are filled on the first row of an order only.
        first = ~name.duplicated()
        o = f.loc[first]
        oc = lambda *names: self.col(o, *names)  # noqa: E731
        # Notes and tags repeat across orders: each distinct cell is read once (map_unique).
        notes_col, tags_col = oc("Note Attributes"), oc("Tags")

        # ---- lines: every row is a line item
        qty = to_number(number(col("Lineitem quantity")))
        price = to_number(number(col("Lineitem price")))
        line_disc = to_number(number(col("Lineitem discount"), missing="0"))
        lines = canonical("order_lines", {
            "order_id": name,
            "line_no": (name.groupby(name).cumcount() + 1).astype(str),
            "sku": code(col("Lineitem sku")),
            "item_name": col("Lineitem name"),
            "quantity": number(col("Lineitem quantity")),
            "unit_price": number(col("Lineitem price")),
            "discount_amount": number(col("Lineitem discount"), missing="0"),
            "line_amount": money_text(qty * price - line_disc),
        }, f.index)

        # ---- orders
        items = (qty * price).groupby(name).sum(min_count=1)
        complete = (qty.notna() & price.notna()).groupby(name).all()
        items = items.where(complete).reindex(name[first]).set_axis(o.index)
        layout: list[str] = []  # what this export's layout lacks, and how it was read without it
        order_discount = to_number(number(oc("Discount Amount"), missing="0"))
        if self.has(f, "Subtotal"):
            subtotal = to_number(number(oc("Subtotal"), missing="0"))
            items = items.fillna(subtotal + order_discount)
        else:
            subtotal = items - order_discount.fillna(0)
            layout.append("no Subtotal column: subtotal = Σ line quantity × price − Discount Amount")
        shipping = to_number(number(oc("Shipping"), missing="0"))
        taxes = to_number(number(oc("Taxes"), missing="0")).fillna(0)
        if self.has(f, "Total"):
            total = to_number(number(oc("Total"), missing="0"))
        else:
            total = subtotal + shipping.fillna(0) + taxes
            layout.append("no Total column: paid = Subtotal + Shipping + Taxes")
        tax_on_top = (taxes > 0) & ((total - (subtotal + shipping + taxes)).abs() < 0.005)
        fin = oc("Financial Status").str.lower()
        if self.has(f, "Paid at"):
            paid_at = to_local(oc("Paid at"), self.timezone)
        else:  # older exports: a paid order was paid when it was placed (checkout)
            was_paid = fin.isin(["paid", "partially_paid", "partially_refunded", "refunded"])
            paid_at = to_local(oc("Created at"), self.timezone).where(was_paid, "")
            layout.append("no Paid at column: a paid order's paid_at = its Created at")
        if not self.has(f, "Financial Status"):
            layout.append("no Financial Status column: paid when Paid at is set, else pending")
        paid = total.where(paid_at != "", 0.0)

        ful = oc("Fulfillment Status").str.lower()
        cancelled = (oc("Cancelled at") != "") | fin.eq("voided")
        delivered = map_unique(tags_col, lambda t: "delivered" in {x.strip().lower() for x in str(t).split(",")})
        delivered = delivered.astype(bool)
        status = np.select(
            [cancelled, fin.eq("refunded"), (paid_at == "") & fin.eq("expired"), (paid_at == "") & ~cancelled,
             ful.isin(["fulfilled", "partial"]) & delivered, ful.isin(["fulfilled", "partial"])],
            ["cancelled", "refunded", "closed", "pending", "completed", "shipped"],
            default="paid",
        )
        email = oc("Email").str.lower()
        phone = code(oc("Phone", "Billing Phone", "Shipping Phone"))
        source = oc("Source").str.lower()
        device = map_unique(notes_col, lambda n: note_attributes(n).get("device", "").lower())
        device = device.where(device != "", np.where(source.isin(["iphone", "android"]), "mobile", "pc"))
        device = device.replace({"desktop": "pc", "tablet": "mobile", "phone": "mobile"})
        promo = map_unique(notes_col, lambda n: note_attributes(n).get("promo_id", ""))
        promo_tag = map_unique(tags_col, lambda t: _tag_value([x.strip() for x in str(t).split(",") if x.strip()],
                                                                "promo:"))
        province = oc("Shipping Province Name")
        for alt in ("Shipping Province", "Billing Province Name", "Billing Province"):
            province = province.where(province != "", oc(alt))
        # The country of the address the province came from: a bare code (SC) is a province of
        # China only where that country is CN; South Carolina and Santa Catarina are SC too. A
        # shipping address without its country (a manual order's) takes the billing address's
        # (the same buyer's, and the likeliest country of the parcel); neither: the store's.
        shipped = (oc("Shipping Province Name") != "") | (oc("Shipping Province") != "")
        ship_country = oc("Shipping Country")
        country = ship_country.where(shipped & (ship_country != ""), oc("Billing Country"))
        orders = canonical("orders", {
            "order_id": name[first],
            "platform": PLATFORM,
            "ordered_at": to_local(oc("Created at"), self.timezone),
            "paid_at": paid_at,
            "status": pd.Series(status, index=o.index),
            "customer_id": email.where(email != "", phone),
            "channel": map_unique(notes_col, _channel_of_note),
            "device": device,
            "province": to_province(province, country, store_country=self.country),
            "items_amount": money_text(items),
            "discount_amount": money_text((items - subtotal).clip(lower=0).round(2)),
            "shipping_amount": money_text(shipping),
            "adjustment_amount": money_text(taxes.where(tax_on_top & (paid_at != ""))),
            "adjustment_reason": pd.Series(np.where(tax_on_top & (paid_at != ""), "tax", ""), index=o.index),
            "paid_amount": money_text(paid),
            "refund_amount": number(oc("Refunded Amount"), missing="0"),
            "promo_id": promo.where(promo != "", promo_tag),
            "coupon_code": oc("Discount Code"),
        }, o.index)

        # The rows stating each currency (an order's first row states it): one file in several
        # currencies is warned of by ingest (identity.check_currencies), as sums would mix them.
        # A value that is no currency code ($, Yuan, a typo) leaves the order's amounts in a
        # currency nothing tells: kept, they would be summed as the store's (yuan as dollars), so
        # the order and its lines are rejected with the reason, and ingest warns (currency_unread).
        # An empty cell states none: the order is kept (an optional column). One rule for every
        # currency column (identity.tally_currencies), a custom source's too.
        from storebook.engine.identity import tally_currencies, unread_currency_reason

        written = oc("Currency").str.strip()
        file_rows = pd.Series(raw.rows[first.to_numpy()].to_numpy(), index=o.index)
        stated_rows = file_rows[written != ""]
        currency_rows, currency_unread = tally_currencies(
            (str(v), len(g), int(g.min())) for v, g in stated_rows.groupby(written[written != ""], sort=True))
        currencies = sorted(currency_rows)
        unread = written.isin(list(currency_unread)) & (written != "")
        order_problems = line_problems = None
        if unread.any():
            reasons = {v: unread_currency_reason("Currency", v) for v in currency_unread}
            order_problems = pd.DataFrame({"column": np.where(unread, "Currency", ""),
                                           "value": written.where(unread, ""),
                                           "reason": written.map(reasons).where(unread, "")}, index=o.index)
            # Each line of such an order is rejected with its order's reason (its amounts are as unknown).
            line_problems = (order_problems.set_axis(name[first].to_numpy()).reindex(name.to_numpy()).fillna("")
                             .set_axis(f.index))
        source_col = oc("Source").str.lower()
        line_names = col("Lineitem name").str.lower()
        counts = {
            "pending": int(np.isin(status, ["pending"]).sum()),
            "draft": int(source_col.str.contains("draft", regex=False).sum()),
            "gift": int(line_names.str.startswith("gift card").sum()),
            "no_sku": int((code(col("Lineitem sku")) == "").sum()),
        }
        version = _utc_max([col(c) for c in ("Created at", "Paid at", "Fulfilled at", "Cancelled at")])
        used = {"Name", "Lineitem quantity", "Lineitem price", "Lineitem discount", "Lineitem sku", "Lineitem name",
                *ORDER_LEVEL}
        dropped = self.dropped(f, used | {"Email", "Phone"}) + [c for c in ("Email", "Phone") if c in f.columns]
        notes = [
            "Shopify: one order per Name; order-level columns read from its first row.",
            "Shopify: timestamps converted from their offset to the store time zone "
            f"({self.timezone}).",
            "Shopify: customer = e-mail (else phone), pseudonymised; names, addresses, phones, notes dropped.",
            "Shopify: channel from utm_source/utm_medium in Note Attributes (none = direct).",
            "Shopify: paid_amount = Total; taxes added on top of prices booked as the adjustment (reason tax); "
            "discount = items − Subtotal.",
            "Shopify: orders not paid yet (pending, authorized) are kept as pending; expired ones as closed.",
            f"Shopify: overlapping exports resolved per order, newest export wins (this one as of {version}).",
            f"Shopify: {len(o)} orders, {len(f)} lines; {counts['pending']} not paid yet (pending), kept and counted "
            f"apart from paid orders; {counts['draft']} draft orders (Source shopify_draft_order) kept as orders.",
        ]
        if currencies:
            notes.append(f"Shopify: amounts in {', '.join(currencies)} (the export's Currency column), kept as "
                         "exported: storebook converts no currency.")
        if currency_unread:
            notes.append(f"Shopify: {int(unread.sum())} orders' Currency is not a currency code ("
                         + ", ".join(f"'{v}' row {u['row']}" for v, u in currency_unread.items())
                         + "): the orders and their lines rejected, their amounts' currency unknown.")
        notes += [f"Shopify: {text}." for text in layout]
        line_notes = ["Shopify: one line per export row, numbered in file order within the order; "
                      "a line without a SKU is keyed by its Lineitem name."]
        if counts["gift"] or counts["no_sku"]:
            line_notes.append(f"Shopify: {counts['no_sku']} lines without a SKU (keyed by name); {counts['gift']} gift "
                              "card lines (a gift card sold is money received, not merchandise).")
        currency = currencies[0] if len(currencies) == 1 else None
        stated = {"currency": currency, "currency_column": "Currency" if currencies or currency_unread else "",
                  "currency_rows": currency_rows, "currency_unread": currency_unread}
        status_note = "Shopify's Financial Status and Fulfillment Status give the status"
        time_note = "Shopify writes timestamps as 2021-05-13 11:01:13 +0200"
        yield SourceFrame("orders", orders, raw.rows[first.to_numpy()].reset_index(drop=True), raw.encoding,
                          dropped, notes=notes,
                          column_notes={"status": status_note, "ordered_at": time_note, "paid_at": time_note},
                          version=version, supersede_by=["order_id"],
                          problems=order_problems, **stated)
        yield SourceFrame("order_lines", lines, raw.rows, raw.encoding, dropped, notes=line_notes,
                          version=version, supersede_by=["order_id"],
                          problems=line_problems, **stated)


class ShopifyProducts(PlatformSource):
    """Shopify products export → products (one row per variant).

    Product-level columns are filled on a product's first row only (a variant's continuation
    row holds the Handle and its option values): they are filled down by Handle. Image-only
    rows (a Handle and an image, no variant) are not products: skipped and counted.

    A variant is keyed by its SKU. A variant without a SKU, or whose SKU another variant of
    the export shares (a copied product), is keyed by its name as an order line without a
    SKU is (``name:<title - options>``, :func:`storebook.ingest.sources.base.name_key`), so that the
    two meet; the note counts them. Shopify has no supplier or launch date: they come from
    metafield columns whose name mentions ``supplier`` / ``launch`` (e.g. ``Supplier
    (product.metafields.custom.supplier)``) or from ``supplier:<id>`` and
    ``launched:<YYYY-MM-DD>`` tags. ``list_price`` is the compare-at price when one is set,
    else the price (a price of 0, a draft's or a sample's, is no price: left empty);
    ``unit_cost`` is ``Cost per item`` where the shop filled it (older exports have no such
    column); ``is_active`` is Status ``active`` (older exports: Published).
    """

    name = "shopify_products"
    description = "Shopify products export, products_export*.csv"
    tables = ("products",)
    signature = PRODUCT_SIGNATURE

    def _canon(self, name: str) -> str:
        return _shopify_name(name, _PRODUCT_NAMES)

    def convert(self, path: Path, raw: RawFrame, preamble: list[list[str]]) -> Iterator[SourceFrame]:
        f = raw.frame
        handle = code(self.col(f, "Handle"))
        product_cols = ["Title", "Vendor", "Type", "Tags", "Status", "Published", "Product Category", "Body (HTML)"]
        meta_supplier = next((c for c in f.columns if "supplier" in c.lower()), None)
        meta_launch = next((c for c in f.columns if "launch" in c.lower()), None)
        product_cols += [c for c in (meta_supplier, meta_launch) if c]
        filled = {}
        for c in product_cols:
            if c in f.columns:
                s = f[c].astype(str).str.strip()
                filled[c] = s.where(s != "").groupby(handle).transform("first").fillna("")
        get = lambda c: filled.get(c, pd.Series("", index=f.index, dtype="str"))  # noqa: E731
        variant = (self.col(f, "Variant SKU") != "") | (self.col(f, "Variant Price") != "") | (
            self.col(f, "Option1 Value") != "")
        tags = get("Tags").str.split(",").map(lambda t: [x.strip() for x in t])

        def tag(prefix: str) -> pd.Series:
            return tags.map(lambda t: _tag_value(t, prefix))

        options = [self.col(f, f"Option{i} Value") for i in (1, 2, 3)]
        opt = pd.concat(options, axis=1).apply(
            lambda r: " / ".join(v for v in r if v and v.lower() != "default title"), axis=1) if len(f) else \
            pd.Series("", index=f.index, dtype="str")
        title = get("Title")
        product_name = title.where(opt == "", title + " - " + opt)
        sku, keyed = _variant_keys(code(self.col(f, "Variant SKU")), product_name, handle, variant)
        category = get("Type")
        category = category.where(category != "", get("Product Category").str.split(">").str[-1].str.strip())
        price = number(self.col(f, "Variant Price"))
        compare = number(self.col(f, "Variant Compare At Price"))
        zero_price = pd.to_numeric(price, errors="coerce").eq(0)
        price = price.where(~zero_price, "")
        above = pd.to_numeric(compare, errors="coerce") > pd.to_numeric(price, errors="coerce").fillna(0)
        supplier = get(meta_supplier) if meta_supplier else pd.Series("", index=f.index, dtype="str")
        launch = get(meta_launch) if meta_launch else pd.Series("", index=f.index, dtype="str")
        status = get("Status").str.lower()
        published = get("Published").str.lower()
        active = np.where(status != "", status.eq("active"), published.isin(["true", "yes", "1"]))
        cost = number(self.col(f, "Cost per item"))
        products = canonical("products", {
            "sku": sku,
            "product_name": product_name,
            "category": category,
            "brand": get("Vendor"),
            "list_price": compare.where(above, price),
            "unit_cost": cost,
            "supplier_id": code(supplier.where(supplier != "", tag("supplier:"))),
            "launched_on": launch.where(launch != "", tag("launched:")),
            "is_active": pd.Series(np.where(active, "true", "false"), index=f.index),
        }, f.index)
        keep = variant.to_numpy()
        used = {"Handle", "Variant SKU", "Variant Price", "Variant Compare At Price", "Cost per item",
                "Option1 Value", "Option2 Value", "Option3 Value", *product_cols}
        n_variants = int(variant.sum())
        notes = [f"Shopify products: {n_variants} variants of {handle[variant].nunique()} products, one product row "
                 "per variant; product columns filled down from the product's first row.",
                 f"Shopify products: {int((~variant).sum())} image-only rows (a product's extra images) are not "
                 "products: folded into their product, counted apart from the rows read."]
        if keyed["no_sku"] or keyed["shared"]:
            notes.append(f"Shopify products: {keyed['no_sku']} variants without a SKU are keyed by their name "
                         "(name:<title - options>, as order lines without a SKU are).")
        if keyed["shared"]:
            notes.append(f"Shopify products: {keyed['shared']} variants share a SKU with another variant "
                         f"({', '.join(keyed['shared_skus'][:8])}{' …' if len(keyed['shared_skus']) > 8 else ''}): "
                         "a shared SKU identifies no one variant, so they are keyed by their name too.")
        if int((zero_price & variant).sum()):
            notes.append(f"Shopify products: {int((zero_price & variant).sum())} variants priced 0 (drafts, samples): "
                         "list_price left empty.")
        notes.append(f"Shopify products: unit cost (Cost per item) known for {int(((cost != '') & variant).sum())} of "
                     f"{n_variants} variants; the others are kept with unit_cost empty." if self.has(f, "Cost per item")
                     else "Shopify products: the export has no Cost per item column (an older layout): unit_cost "
                          "unknown.")
        if not self.has(f, "Status"):
            notes.append("Shopify products: no Status column (an older layout): is_active from Published.")
        yield SourceFrame("products", products.loc[keep], raw.rows[keep].reset_index(drop=True), raw.encoding,
                          self.dropped(f, used), notes=notes, folded_rows=int((~variant).sum()),
                          folded_kind="image_only",
                          column_notes={"sku": "Variant SKU, else the variant's name (Title, Option values)",
                                        "supplier_id": "Shopify has no supplier: add a 'Supplier' metafield column "
                                                       "or a supplier:<id> tag",
                                        "launched_on": "Shopify has no launch date: add a 'Launched on' metafield "
                                                       "column or a launched:<YYYY-MM-DD> tag",
                                        "unit_cost": "fill 'Cost per item' in Shopify"})


def _variant_keys(sku: pd.Series, name: pd.Series, handle: pd.Series, variant: pd.Series
                  ) -> tuple[pd.Series, dict]:
    """The key of each variant: its SKU where the SKU is its own; else its name key.

    Returns:
        (keys, counts: ``no_sku``, ``shared`` (variants whose SKU another shares) and
        ``shared_skus``).
    """
    has_sku = variant & (sku != "")
    shared = has_sku & sku.where(has_sku).duplicated(keep=False)
    by_name = variant & ((sku == "") | shared)
    keys = sku.where(~by_name, name_key(name))
    # Two products of one title (a copy): the handle, unique in a shop, tells them apart.
    clash = by_name & keys.where(by_name).duplicated(keep=False)
    keys = keys.where(~clash, name_key(name + " [" + handle + "]"))
    return keys, {"no_sku": int((variant & (sku == "")).sum()), "shared": int(shared.sum()),
                  "shared_skus": sorted(set(sku[shared]))}


# ----------------------------------------------------------------------------- writing the format
# The sample store and the round-trip tests write canonical rows in Shopify's layout.

ORDER_COLUMNS = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing",
    "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
    "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price",
    "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status",
    "Billing Name", "Billing Street", "Billing Address1", "Billing Address2", "Billing Company", "Billing City",
    "Billing Zip", "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
    "Shipping Province", "Shipping Country", "Shipping Phone", "Notes", "Note Attributes", "Cancelled at",
    "Payment Method", "Payment Reference", "Refunded Amount", "Vendor", "Outstanding Balance", "Employee",
    "Location", "Device ID", "Id", "Tags", "Risk Level", "Source", "Lineitem discount", "Tax 1 Name",
    "Tax 1 Value", "Phone", "Receipt Number", "Duties", "Billing Province Name", "Shipping Province Name",
    "Payment ID", "Payment Terms Name", "Next Payment Due At", "Payment References",
]
_ORDER_NAMES = {c.lower(): c for c in ORDER_COLUMNS}
#: channel → (utm_source, utm_medium) for writing; direct has no UTM.
CHANNEL_UTM = {
    "organic_search": ("google", "organic"), "paid_search": ("google", "cpc"), "social": ("weibo", "social"),
    "email": ("newsletter", "email"), "live_stream": ("douyin", "live"),
    "recommendation": ("shop", "recommendation"), "referral": ("partner", "referral"),
}


def _with_offset(text: pd.Series, timezone: str) -> pd.Series:
    values = pd.to_datetime(text.where(text.astype(str).str.strip() != ""), errors="coerce")
    aware = values.dt.tz_localize(timezone)
    out = aware.dt.strftime("%Y-%m-%d %H:%M:%S %z")
    return out.where(values.notna(), "").astype("str")


def write_orders_export(orders: pd.DataFrame, lines: pd.DataFrame, path: Path, timezone: str,
                        customer_emails: bool = True) -> int:
    """Write canonical web orders and their lines as a Shopify orders export.

    Args:
        orders, lines: canonical rows as text (as the canonical CSV files hold them); the
            orders may carry buyer_email, buyer_name, buyer_phone and shipping_address,
            which go where Shopify puts them.
        path: the CSV to write (UTF-8, Shopify's column order).
        timezone: the store's time zone; timestamps are written with its offset.
        customer_emails: without buyer_email, write the customer id as an e-mail address.
    Returns:
        The number of rows written.
    """
    o = orders.astype(str).fillna("").reset_index(drop=True)
    num = lambda c: pd.to_numeric(o[c].replace("", "0"))  # noqa: E731
    items, discount, shipping, refund = num("items_amount"), num("discount_amount"), num("shipping_amount"), \
        num("refund_amount")
    subtotal = items - discount
    status = o["status"]
    fin = np.select([status.eq("refunded"), status.eq("cancelled") & o["paid_at"].ne(""), status.eq("cancelled"),
                     refund > 0], ["refunded", "refunded", "voided", "partially_refunded"], default="paid")
    ful = np.select([status.isin(["shipped", "completed"]), status.eq("cancelled")], ["fulfilled", "restocked"],
                    default="unfulfilled")
    tags = (pd.Series(np.where(status.eq("completed"), "delivered", "")) + ", "
            + np.where(o["promo_id"].ne(""), "promo:" + o["promo_id"], "")).str.strip(", ")
    utm = o["channel"].map(lambda c: "utm_source: {}\nutm_medium: {}\n".format(*CHANNEL_UTM[c])
                           if c in CHANNEL_UTM else "")
    created = _with_offset(o["ordered_at"], timezone)
    if "buyer_email" in o.columns:
        email = o["buyer_email"]
    else:
        email = o["customer_id"] + "@example.com" if customer_emails else o["customer_id"]
    money = lambda v: v.map(lambda x: f"{x:.2f}")  # noqa: E731
    head = pd.DataFrame({
        "Name": o["order_id"], "Email": email, "Financial Status": fin, "Paid at": _with_offset(o["paid_at"], timezone),
        "Fulfillment Status": ful, "Accepts Marketing": "no", "Currency": "CNY", "Subtotal": money(subtotal),
        "Shipping": money(shipping), "Taxes": "0.00", "Total": money(subtotal + shipping),
        "Discount Code": o["coupon_code"], "Discount Amount": money(discount), "Shipping Method": "Standard",
        "Created at": created, "Shipping Province Name": o["province"], "Shipping Country": "CN",
        "Billing Country": "CN", "Note Attributes": utm + "device: " + o["device"],
        "Cancelled at": created.where(status.eq("cancelled"), ""), "Refunded Amount": money(refund), "Tags": tags,
        "Source": "web", "Outstanding Balance": "0.00", "Risk Level": "Low",
        "Billing Name": o.get("buyer_name", ""), "Shipping Name": o.get("buyer_name", ""),
        "Phone": o.get("buyer_phone", ""), "Shipping Address1": o.get("shipping_address", ""),
        "Billing Address1": o.get("shipping_address", ""),
    })
    head["_order"] = np.arange(len(o))
    position = pd.Series(np.arange(len(o)), index=o["order_id"])
    li = lines.astype(str).fillna("")
    li = li.loc[li["order_id"].isin(position.index)]
    li = li.assign(_order=li["order_id"].map(position).to_numpy(), _n=pd.to_numeric(li["line_no"]))
    sku = li["sku"]
    body = pd.DataFrame({
        "Name": li["order_id"], "Lineitem quantity": li["quantity"], "Lineitem name": sku,
        "Lineitem price": li["unit_price"], "Lineitem sku": np.where(sku.str[:1].str.isdigit(), "'" + sku, sku),
        "Lineitem requires shipping": "true", "Lineitem taxable": "true", "Lineitem discount": li["discount_amount"],
        "_order": li["_order"], "_n": li["_n"],
    })
    body = body.sort_values(["_order", "_n"], kind="stable")
    first = ~body["_order"].duplicated()
    body["Lineitem fulfillment status"] = np.where(
        pd.Series(ful).iloc[body["_order"]].to_numpy() == "fulfilled", "fulfilled", "pending")
    # Order columns on the first line of each order only; an order without lines gets one bare row.
    merged = body.merge(head.drop(columns="Name"), on="_order", how="left")
    merged.loc[~first.to_numpy(), [c for c in head.columns if c not in {"Name", "_order"}]] = ""
    bare = head.loc[~head["_order"].isin(body["_order"])].assign(_n=0)
    out = pd.concat([merged, bare], ignore_index=True).sort_values(["_order", "_n"], kind="stable")
    out = out.reindex(columns=ORDER_COLUMNS).astype(object)
    out = out.where(out.notna(), "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    return len(out)


PRODUCT_COLUMNS = [
    "Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published", "Option1 Name",
    "Option1 Value", "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Policy",
    "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price", "Variant Requires Shipping",
    "Variant Taxable", "Variant Barcode", "Image Src", "Image Position", "Gift Card", "Cost per item",
    "Supplier (product.metafields.custom.supplier)", "Launched on (product.metafields.custom.launched_on)", "Status",
]


_PRODUCT_NAMES = {c.lower(): c for c in [*PRODUCT_COLUMNS, "Option2 Name", "Option2 Value", "Option3 Name",
                                         "Option3 Value"]}


def write_products_export(products: pd.DataFrame, path: Path) -> int:
    """Write canonical products as a Shopify products export (one variant per product, with
    an image-only row after each, as Shopify writes products with two images)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(PRODUCT_COLUMNS)
    n = 0
    for p in products.astype(str).itertuples(index=False):
        handle = re.sub(r"[^a-z0-9]+", "-", f"{p.product_name}-{p.sku}".lower()).strip("-")
        active = p.is_active.lower() in {"true", "1", "yes"}
        row = {
            "Handle": handle, "Title": p.product_name, "Body (HTML)": f"<p>{p.product_name}</p>", "Vendor": p.brand,
            "Type": p.category, "Published": "TRUE" if active else "FALSE", "Option1 Name": "Title",
            "Option1 Value": "Default Title", "Variant SKU": f"'{p.sku}" if p.sku[:1].isdigit() else p.sku,
            "Variant Grams": "500", "Variant Inventory Tracker": "shopify", "Variant Inventory Policy": "deny",
            "Variant Fulfillment Service": "manual", "Variant Price": p.list_price, "Variant Requires Shipping": "TRUE",
            "Variant Taxable": "TRUE", "Image Src": f"https://cdn.example.com/{handle}-1.jpg", "Image Position": "1",
            "Gift Card": "FALSE", "Cost per item": p.unit_cost,
            "Supplier (product.metafields.custom.supplier)": p.supplier_id,
            "Launched on (product.metafields.custom.launched_on)": p.launched_on,
            "Status": "active" if active else "archived",
        }
        writer.writerow([row.get(c, "") for c in PRODUCT_COLUMNS])
        writer.writerow([{"Handle": handle, "Image Src": f"https://cdn.example.com/{handle}-2.jpg",
                          "Image Position": "2"}.get(c, "") for c in PRODUCT_COLUMNS])
        n += 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return n
