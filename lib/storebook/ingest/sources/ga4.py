"""GA4: a report's "Download file → CSV" by session default channel group (platform ``web``).

The download starts with ``#`` comment lines (property, date range), then the table; dates
are ``YYYYMMDD``, or ``Nth day`` (0000 = the ``Start date`` of the comment lines); a
further section may follow after a blank line and is not read. A report without a day
dimension is a total over its ``Start date`` … ``End date`` (one row per channel for the
period). Device from ``Device category`` (desktop = pc, mobile and tablet = mobile); a
report without it is written with device ``all``. Metrics: Total users (else Active users, else
Users: GA4's reports, the Reports snapshot too, call Active users so) → visitors, Views → page_views, Items
viewed → product_views, Add to carts → cart_adds, Checkouts → checkouts, Total purchasers
→ buyers, Ecommerce purchases (else Transactions) → orders, Purchase revenue →
paid_amount.

What GA4's numbers mean here: a user with sessions from two channel groups counts in
both (as on 生意参谋), so channel rows are not additive; a ``Grand total`` row, when the
download has one, becomes ``all``. GA4 counts add-to-cart and checkout *events*, not
visitors; the note records it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from storebook.errors import InputError
from storebook.ingest.sources.base import SourceFrame, head_rows
from storebook.ingest.sources.readers import grid_frame, read_grid
from storebook.ingest.sources.reports import TOTAL_WORDS, SourceReport

#: The dimensions the GA4 adapters read; a download broken down by any other dimension
#: (country, page, event, user …) is not traffic by channel, day and device.
DIMENSIONS = {"Session default channel group", "Date", "Nth day", "Device category"}
#: GA4 metric names as its downloads write them (columns that may stand beside those dimensions).
METRICS = {
    "Total users", "Active users", "New users", "Returning users", "Users", "Sessions", "Engaged sessions",
    "Engagement rate", "Bounce rate", "Average engagement time", "Average engagement time per session",
    "Average session duration", "Engaged sessions per user", "Sessions per user", "Events per session",
    "Event count", "Key events", "Conversions", "Session key event rate", "User key event rate", "Views",
    "Views per user", "Screen page views", "Items viewed", "Add to carts", "Checkouts", "Total purchasers",
    "First time purchasers", "Ecommerce purchases", "Transactions", "Purchase revenue", "Total revenue",
    "Item revenue", "Items purchased",
}
#: The users columns a download may count visitors by. ``Users`` is what GA4's standard reports
#: (the Reports snapshot's cards among them) call Active users: by ``Nth day`` or ``Date`` it
#: is each day's active users, as the snapshot's "How are active users trending?" table shows
#: (its ``1 day`` column equals ``Users`` day by day in the real snapshot of docs/sources.md).
USERS = ("Total users", "Active users", "Users")
#: The note for a download whose users are GA4's ``Users``.
USERS_NOTE = ("GA4: visitors are the report's 'Users', GA4's name in its reports for Active users (users with an "
              "engaged session, or a first visit), which can be fewer than Total users; for Total users download "
              "Reports → Acquisition → Traffic acquisition by Date with 'Total users' shown.")

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
    signature = ("Session default channel group",)
    signature_any = (USERS,)
    aliases = {"Session default channel group": ("Session default channel grouping", "Default channel group"),
               "Device category": ("Device Category",)}
    stop_at_blank = True
    platform = "web"
    level1, level2 = "Session default channel group", ""
    date_cols = ("Date",)

    def header_index(self, rows: list[list[str]]) -> int | None:
        index = super().header_index(rows)
        if index is None:
            return None
        names = {self._canon(c) for c in rows[index] if c.strip()}
        return index if names <= DIMENSIONS | METRICS else None

    def read(self, path: Path, raw_root: Path) -> Iterator[SourceFrame]:
        # GA4 files are small: the Python reader, so that a totals row can be placed first.
        rows, encoding = read_grid(path)
        index = self.header_index(rows)
        if index is None:  # detect() checked the head; a file changed underneath us
            raise InputError(path, f"the header of the {self.description} was not found",
                             expected=", ".join(self.signature), todo="re-export the file",
                             key="error.input.header_lost",
                             values={"description": self.description, "signature": ", ".join(self.signature)})
        header = [self._canon(c) for c in rows[index]]
        rows, note = _place_grand_total(rows, index, header, self.level1)
        raw = grid_frame(path, [*rows[:index], header, *rows[index + 1:]], index, encoding, stop_at_blank=True)
        users_only = not {"Total users", "Active users"} & set(header)
        others = _tables(rows)[1:]  # a Reports snapshot holds many small tables: the first is read
        if others:
            note = " ".join(filter(None, [note, (
                f"the file holds {len(others)} more table(s) after this one, not read (not traffic by day): "
                + "; ".join(f"'{', '.join(h)}' (line {line})" for h, _, line in others[:5])
                + (f" and {len(others) - 5} more" if len(others) > 5 else "") + ".")]))
        for number, frame in enumerate(self.convert(path, raw, rows[:index], declared=self.declared_period(path, raw_root))):
            if note:
                frame.notes.append(note)
            if users_only:
                frame.notes.append(USERS_NOTE)
            if number == 0 and len(raw.bad_rows):  # rows the reader could not split: rejected, counted
                frame = dataclasses.replace(frame, bad_rows=raw.bad_rows)
            yield frame
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
    signature = ()
    signature_any = (("Date", "Nth day"), USERS)
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


class Ga4Download(SourceReport):
    """Any other GA4 download (a reports snapshot, an exploration, a breakdown by country or
    page…): not read; ingest stops with a message naming the tables in the file and the
    report to download instead. Recognised by GA4's ``#`` comment lines."""

    name = "ga4_download"
    description = "GA4 download that is not traffic by channel and day (snapshot, exploration, other dimensions)"
    tables = ("traffic",)
    platform = "web"

    def _readable(self, rows: list[list[str]]) -> bool:
        return Ga4Traffic().header_index(rows) is not None or Ga4Totals().header_index(rows) is not None

    def matches(self, path: Path, header: list[str], raw_root: Path) -> bool:
        rows = head_rows(path)
        comments = " ".join(r[0] for r in rows[:12] if r and r[0].startswith("#"))
        ga4 = "Start date:" in comments or "Property:" in comments or "# ----" in comments
        return ga4 and not self._readable(rows)

    def diagnose(self, path: Path, header: list[str], raw_root: Path) -> tuple[float, list[str]]:
        return 0.0, []

    def read(self, path: Path, raw_root: Path) -> Iterator[SourceFrame]:
        rows, _ = read_grid(path)
        tables = _tables(rows)
        period = any(r and r[0].lstrip("# ").startswith("Start date:") for r in rows)
        listed = "; ".join(f"'{', '.join(h)}' (line {line}, {n} row{'' if n == 1 else 's'}{_shortfall(h, period)})"
                           for h, n, line in tables[:12])
        more = f" and {len(tables) - 12} more" if len(tables) > 12 else ""
        raise InputError(
            path, f"this GA4 download holds {len(tables)} table(s) and none is traffic by day: {listed}{more}",
            row=tables[0][2] if len(tables) == 1 else None,
            expected="a GA4 table with a day (Date, or Nth day) or one period (Start date/End date), users (Total "
                     "users, Active users or Users) and at most the dimensions Session default channel group and Device "
                     "category",
            todo="in GA4 open Reports → Acquisition → Traffic acquisition, keep 'Session default channel group', add "
                 "the dimension 'Date' (and 'Device category'), show 'Total users', then Share → Download file → CSV; "
                 "for the de-duplicated totals download the same report by Date × Device category without the "
                 "channel; move this file out of data/raw (docs/sources.md, GA4)",
            key="error.input.ga4_no_traffic", values={"count": str(len(tables)), "listed": listed + more})


def _place_grand_total(rows: list[list[str]], index: int, header: list[str], level1: str
                       ) -> tuple[list[list[str]], str]:
    """GA4 explorations write their totals row first, its label ``Grand total`` in a field
    beyond the header. Over a report without a day dimension it is the period's
    de-duplicated total: the label goes into the channel column (→ channel ``all``). Over
    days it totals every day together, no day's figure: it is left out. Returns the rows
    and a note ('' when there is no such row)."""
    width = len([c for c in header if c.strip()])
    out = list(rows)
    for i in range(index + 1, len(rows)):
        row = rows[i]
        if not any(c.strip() for c in row):
            break
        extra = [c.strip() for c in row[width:] if c.strip()]
        if len(extra) != 1 or extra[0] not in TOTAL_WORDS:
            continue
        cells = row[:width] + [""] * (width - len(row[:width]))
        if {"Date", "Nth day"} & set(header) or not level1 or level1 not in header:
            out[i] = [""] * width
            return out, (f"the '{extra[0]}' row (all days together, no day's figure) was left out.")
        cells[header.index(level1)] = extra[0]
        out[i] = cells
        return out, f"the '{extra[0]}' row is the period's de-duplicated total: channel 'all'."
    return out, ""


def _tables(rows: list[list[str]]) -> list[tuple[list[str], int, int]]:
    """The tables of a GA4 download: (header names, data rows, the header's line in the file)
    of each block between comment lines and blank rows."""
    tables: list[tuple[list[str], int, int]] = []
    header: list[str] | None = None
    for number, row in enumerate(rows, start=1):
        cells = [c for c in row if c.strip()]
        if not cells or cells[0].startswith("#"):
            if header is not None:
                header = None
            continue
        if header is None:
            header = cells
            tables.append((header, 0, number))
        else:
            tables[-1] = (header, tables[-1][1] + 1, tables[-1][2])
    return tables


def _shortfall(header: list[str], period: bool) -> str:
    """What a table lacks to be traffic (``: no …``), as the message lists it; '' when it has a
    day (or the file states one period) and users, and so lacks only the dimensions it may have."""
    missing = []
    if not {"Date", "Nth day"} & set(header) and not period:
        missing.append("no Date or Nth day column")
    if not set(USERS) & set(header):
        missing.append("no Total users, Active users or Users column")
    return f": {'; '.join(missing)}" if missing else ""
