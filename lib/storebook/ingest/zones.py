"""The store's time zone, as its exports show it, when nobody has set one.

storebook ships with ``timezone = "Asia/Shanghai"``. A time with an offset (Shopify writes
``2025-05-11 09:55:16 -0400``) is converted to the store's zone, so a shop in New York that
leaves the setting alone would see every order twelve hours late: an evening's orders on the
next day, the last evening of a month in the next month. The offsets themselves say where the
shop is: the zone of the store is the one whose UTC offset, at each of those moments, is the
offset written. When the timezone is not set in storebook.local.toml (and storebook.toml
keeps the shipped default), :func:`with_found_zone` reads the first part of each raw text
file for such times and, when one zone explains all of them and the default does not, ingests
in that zone; the first ingest then writes it into storebook.local.toml, where the user can
change it (storebook.engine.identity).

A ``Z`` (UTC) suffix says how a time was written, not where the shop is: it is not evidence,
nor is a file of a declared source that names its own ``timezone:``. Times from several zones
that no single zone explains keep the configured zone, and so does a store that also sends a
Chinese platform's exports (Tmall, JD: their times are China time, without an offset): its
days stay China's, and the user can still choose.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from storebook.engine.config import LOCAL_CONFIG_NAME, Config, StoreSettings

#: Zones tried in this order after the configured one: one per offset and daylight-saving
#: rule that shops commonly keep. Zones that agree on every moment seen give the same days.
CANDIDATES = (
    "UTC", "Europe/London", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Athens",
    "Europe/Helsinki", "Europe/Istanbul", "Europe/Moscow", "Africa/Lagos", "Africa/Cairo",
    "Africa/Johannesburg", "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Kathmandu",
    "Asia/Dhaka", "Asia/Bangkok", "Asia/Jakarta", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Taipei",
    "Asia/Manila", "Asia/Shanghai", "Asia/Seoul", "Asia/Tokyo", "Australia/Perth", "Australia/Adelaide",
    "Australia/Brisbane", "Australia/Sydney", "Pacific/Auckland", "America/St_Johns", "America/Halifax",
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
    "America/Anchorage", "Pacific/Honolulu", "America/Mexico_City", "America/Bogota", "America/Lima",
    "America/Santiago", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
)

#: Adapters of Chinese platforms' exports: their times are China time without an offset.
CHINA_TIME_SOURCES = frozenset({"tmall_orders", "tmall_traffic", "tmall_items", "tmall_dsr",
                                "jd_orders", "jd_traffic", "jd_items", "jd_shop_score"})

#: Bytes read from the start of each raw file: the offsets of a shop's exports do not change
#: inside a file, and a few thousand rows cover both sides of a daylight-saving change.
SCAN_BYTES = 256 * 1024

#: A date and time followed by a numeric UTC offset: ``2025-05-11 09:55:16 -0400``,
#: ``2025-05-11T09:55:16+02:00``, ``2025-05-11 09:55 +0800``.
_WITH_OFFSET = re.compile(
    rb"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s?([+-])(\d{2}):?(\d{2})(?![\d:])")
#: The offset at the end of :data:`_WITH_OFFSET`, alone: a file without one has no time with an
#: offset, and is passed over after a search that skips to each sign (a canonical file's head
#: holds thousands of times without one, each of which _WITH_OFFSET reads up to its end).
_OFFSET_TAIL = re.compile(rb"[+-]\d{2}:?\d{2}(?![\d:])")

#: Raw files that are not text (workbooks, Parquet): their times carry no offset text.
_BINARY = {".xlsx", ".xlsm", ".xls", ".parquet", ".zip", ".gz"}


@dataclass(frozen=True)
class FoundZone:
    """The zone that explains the offsets of the exports' times, and what was seen."""

    zone: str
    offsets: tuple[str, ...]
    files: tuple[str, ...]

    def describe(self) -> str:
        """One line for the ingest summary and storebook.local.toml."""
        shown = ", ".join(self.files[:3]) + (f" and {len(self.files) - 3} more" if len(self.files) > 3 else "")
        return f"times in {shown} are at UTC {'/'.join(self.offsets)}"


def read_offsets(files: Iterable[Path], limit: int = SCAN_BYTES) -> dict[str, Counter]:
    """The moments with a written UTC offset near the start of each text file.

    Args:
        files: raw files (workbooks and other binary files are skipped).
        limit: bytes read from the start of each file.
    Returns:
        file → Counter of (UTC moment, offset in minutes); files without such times left out.
    """
    found: dict[Path, Counter] = {}
    for path in files:
        if path.suffix.lower() in _BINARY:
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(limit)
        except OSError:
            continue
        if not _OFFSET_TAIL.search(head):
            continue
        seen: Counter = Counter()
        for m in _WITH_OFFSET.finditer(head):
            y, mo, d, h, mi, s, sign, oh, om = m.groups()
            offset = (1 if sign == b"+" else -1) * (int(oh) * 60 + int(om))
            if abs(offset) > 14 * 60:
                continue
            try:
                utc = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0)) - timedelta(minutes=offset)
            except (ValueError, OverflowError):  # no such day, or past year 9999 in UTC: no evidence of a zone
                continue
            seen[(utc, offset)] += 1
        if seen:
            found[path] = seen
    return found


def zone_of(moments: Iterable[tuple[datetime, int]], preferred: str) -> str | None:
    """The first zone (``preferred``, then :data:`CANDIDATES`) whose UTC offset at every
    moment is the offset written; None when no zone explains them all.

    >>> from datetime import datetime as t
    >>> zone_of([(t(2025, 5, 11, 13, 55), -240), (t(2025, 1, 5, 15, 0), -300)], "Asia/Shanghai")
    'America/New_York'
    >>> zone_of([(t(2025, 5, 11, 13, 55), 480)], "Asia/Shanghai")
    'Asia/Shanghai'
    >>> zone_of([(t(2025, 5, 11, 13, 55), -240), (t(2025, 5, 11, 13, 55), 120)], "Asia/Shanghai") is None
    True
    """
    moments = list(moments)
    for name in dict.fromkeys((preferred, *CANDIDATES)):
        zone = ZoneInfo(name)
        if all(_offset_minutes(zone, utc) == offset for utc, offset in moments):
            return name
    return None


def _offset_minutes(zone: ZoneInfo, utc: datetime) -> int:
    shift = utc.replace(tzinfo=UTC).astimezone(zone).utcoffset()
    return int(shift.total_seconds() // 60) if shift is not None else 0


def zone_is_set(config: Config) -> bool:
    """Whether the user chose the store's zone: in storebook.local.toml, or a storebook.toml
    that no longer holds the default storebook ships with."""
    if config.timezone != StoreSettings.model_fields["timezone"].default:
        return True
    local = config.root / LOCAL_CONFIG_NAME
    try:
        settings = tomllib.loads(local.read_text(encoding="utf-8")) if local.is_file() else {}
    except (OSError, tomllib.TOMLDecodeError):
        return True  # Config.load would have named the problem; never guess over a broken file
    return "timezone" in (settings.get("store") or {})


def find_zone(config: Config, files: Iterable[Path]) -> FoundZone | None:
    """The zone the exports' offsets show, when it is not the configured one (None otherwise,
    when the times are from several zones at once, or when a Chinese platform's exports say
    the store's days are China's)."""
    reg = _registry(config)
    # A file declared not read (`not_read:`) is never opened: its times are no evidence.
    files = [f for f in files if reg is None or reg.why_not_read(f, config.raw_dir) is None]
    seen = read_offsets(files)
    if not seen:
        return None
    # The files with offsets first: the zone they show is usually the configured one, and then
    # no other file needs its adapter found here (the parse finds it again: 0.7 s of a 60 s
    # ingest at 10M order lines went to finding every file's adapter twice).
    sources = _sources_of(config, list(seen), reg)
    if any(name in CHINA_TIME_SOURCES for name, _ in sources.values()):
        return None
    seen = {path: counts for path, counts in seen.items() if not sources.get(path, ("", False))[1]}
    if not seen:
        return None
    moments = Counter()
    for counts in seen.values():
        moments.update(counts)
    zone = zone_of(moments, config.timezone)
    if zone is None or zone == config.timezone:
        return None
    others = [f for f in files if f not in sources]
    if any(name in CHINA_TIME_SOURCES for name, _ in _sources_of(config, others, reg).values()):
        return None
    offsets = sorted({o for _, o in moments}, key=lambda o: -o)
    return FoundZone(zone=zone, offsets=tuple(_offset_text(o) for o in offsets), files=tuple(sorted(p.name for p in seen)))


def _registry(config: Config):  # noqa: ANN202 - a Registry, or None
    """The workbook's adapters, or None when its declarations do not load (the ingest says why)."""
    from storebook.errors import InputError
    from storebook.ingest.sources import registry

    try:
        return registry(config)
    except InputError:
        return None


def _sources_of(config: Config, files: list[Path], reg) -> dict[Path, tuple[str, bool]]:  # noqa: ANN001 - a Registry
    """Each file's adapter name, and whether it is a declared source with a zone of its own
    (files no adapter reads are left to the ingest to report)."""
    from storebook.errors import InputError
    from storebook.ingest.sources import detect

    if reg is None:
        return {}
    out: dict[Path, tuple[str, bool]] = {}
    for path in files:
        try:
            source = detect(path, config.raw_dir, reg)
        except (InputError, OSError, ValueError):
            continue
        out[path] = (source.name, bool(getattr(getattr(source, "spec", None), "timezone", None)))
    return out


def _offset_text(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def with_found_zone(config: Config, files: Iterable[Path]) -> tuple[Config, FoundZone | None]:
    """``config`` with the zone its exports show, when the user has not set one (else as is).

    Returns:
        The configuration to ingest with, and what was found (None: nothing changed).
    """
    if zone_is_set(config):
        return config, None
    found = find_zone(config, files)
    if found is None:
        return config, None
    store = {**config.settings["store"], "timezone": found.zone}
    return replace(config, settings={**config.settings, "store": store}), found
