"""Who the store is: its name, currency and platforms, from the configuration or the data.

A store that is not the sample must never be shown the sample's identity. What the user
set in storebook.toml / storebook.local.toml wins; what is not set comes from what ingest
found in the data (``_ingest.json`` → ``store``): the platforms present, the currency the
exports state (Shopify's Currency column), and a ``data/raw/_store.json`` that describes the
store (the sample store writes one). A store with no name gets a neutral title and a
one-line hint to set it.

>>> StoreIdentity(name="", name_zh="", currency="EUR", platforms=["web"]).title("en")
'Your store'
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from storebook.engine import calendar
from storebook.engine.config import Config

#: A file under data/raw that describes the store (names starting with "_" are not data).
STORE_FILE = "_store.json"
DEFAULT_CURRENCY = "CNY"
_UNNAMED = {"en": "Your store", "zh": "本店"}
CURRENCY_HINT = ("the exports state no currency: amounts are shown as {currency}; set the store's in "
                 "storebook.local.toml (`[store]` currency = \"…\", an ISO code such as BRL or INR)")
#: What the first ingest writes beside a time zone it found in the exports' UTC offsets.
ZONE_FOUND_NOTE = "# found in the exports"
NAME_HINT = ("the store has no name yet: set it in storebook.local.toml beside storebook.toml "
             "(`[store]` name = \"…\", name_zh = \"…\")")


@dataclass(frozen=True)
class StoreIdentity:
    """The store as the pack names it."""

    name: str
    name_zh: str
    currency: str
    platforms: list[str] = field(default_factory=list)
    #: False when neither the settings nor the exports give the currency (``currency`` is then
    #: the default, CNY, and the pack says so: an Olist store's reais read as ¥).
    currency_stated: bool = True
    #: Why China's calendar applies to the store (:func:`storebook.engine.calendar.china_market`),
    #: None where it does not: decided once, with the identity.
    calendar: dict | None = None
    #: The store's own country for a store outside China (:func:`storebook.engine.calendar.infer_country`
    #: with ``known``: the ``holidays`` package has its public holidays), None for a store in China.
    country: dict | None = None

    @property
    def named(self) -> bool:
        return bool(self.name or self.name_zh)

    def title(self, language: str) -> str:
        """The store's name in ``language`` (the other language's name, else a neutral one)."""
        first, second = (self.name_zh, self.name) if language == "zh" else (self.name, self.name_zh)
        return first or second or _UNNAMED.get(language, _UNNAMED["en"])


def read_store_file(raw_dir: Path) -> dict:
    """``data/raw/_store.json`` ({"name", "name_zh", "currency"}), or {} when there is none."""
    path = Path(raw_dir) / STORE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return {k: str(v) for k, v in data.items() if k in {"name", "name_zh", "currency"} and v} \
        if isinstance(data, dict) else {}


def found_in_data(raw_dir: Path, platforms: list[str], currencies: list[str]) -> dict:
    """What ingest records of the store (``_ingest.json`` → ``store``).

    Args:
        raw_dir: the raw folder (for ``_store.json``).
        platforms: the platforms present in the processed tables.
        currencies: the currency each export states (one entry per file that states one).
    """
    out: dict = {"platforms": list(platforms)}
    if currencies:
        out["currency"] = Counter(currencies).most_common(1)[0][0]
        if len(set(currencies)) > 1:
            out["currencies"] = sorted(set(currencies))
    out.update(read_store_file(raw_dir))
    return out


def money_tables() -> set[str]:
    """The contract's tables with a column of money (unit CNY in the contract: amounts, prices, costs)."""
    from storebook.engine import schema

    return {t for t in schema.TABLES if any(c.unit == "CNY" for c in schema.columns(t))}


def check_currencies(files: list[dict], configured: str = "") -> dict | None:
    """Whether the store's files hold amounts in more than one currency, as far as they say.

    storebook converts no currency and rejects no row for one; this is what ingest warns
    about and the data-quality page says. ``kind`` is ``differ`` when the files (or a file
    and the currency configured in ``[store] currency``) state different currencies, and
    ``unstated`` when files with money state none beside files that state one (their amounts
    are then read as the stated currency: a Shopify products export states none; a file in the
    contract's layout is in the store's currency by definition, not counted).

    Args:
        files: ``_ingest.json``'s ``files`` (path, source, table, currency, currency_column).
        configured: the ``[store] currency`` set in storebook.toml ("" when none is set).

    Returns:
        None when nothing needs saying; else ``kind``, ``currencies`` (the stated ones, the
        commonest first), ``stated`` (path, currency, column; one per file), ``unstated``
        (path, table: files of a table with money that state none), ``configured``.

    >>> check_currencies([{"path": "a.csv", "table": "orders", "currency": "EUR"},
    ...                   {"path": "b.csv", "table": "orders", "currency": "USD"}])["kind"]
    'differ'
    >>> check_currencies([{"path": "a.csv", "table": "orders", "currency": "EUR"}]) is None
    True
    """
    stated: dict[str, dict] = {}
    for f in files:
        if f.get("currency") and f["path"] not in stated:
            stated[f["path"]] = {"path": f["path"], "currency": f["currency"], "column": f.get("currency_column") or ""}
    if not stated:  # nothing stated: the store's currency is set or assumed (CURRENCY_HINT)
        return None
    with_money = money_tables()
    # A file in the contract's layout (source ``canonical``) is written in the store's currency by
    # definition (docs/contract.md); a platform's export that states none may be in another.
    unstated = {f["path"]: {"path": f["path"], "table": f["table"]} for f in files
                if f["path"] not in stated and f["table"] in with_money and f.get("source") != "canonical"}
    currencies = [c for c, _ in Counter(s["currency"] for s in stated.values()).most_common()]
    differ = len(set(currencies) | ({configured} if configured else set())) > 1
    if not differ and not unstated:
        return None
    return {"kind": "differ" if differ else "unstated", "currencies": currencies, "stated": list(stated.values()),
            "unstated": list(unstated.values()), "configured": configured if differ and configured not in currencies
            else ""}


def identify(config: Config, manifest: dict | None = None) -> StoreIdentity:
    """The store's identity: configured values first, then what the data says.

    Args:
        config: the workbook configuration.
        manifest: ``_ingest.json`` (``Workbook.ingest_manifest()``); None or {} = nothing found.
    """
    found = (manifest or {}).get("store", {})
    configured = config.settings["store"]
    present = [p for p in config.platforms if p in set(found.get("platforms", []))]
    platforms = present or config.platforms
    # China's calendar follows the currency configured or stated, never the CNY assumed, and
    # the platforms the data hold. Where they hold none (a catalogue and stock alone), the
    # configured ones count only if no other currency is stated: storebook.toml's default
    # lists Tmall, and an Amazon India store in INR is not on it.
    stated = configured.get("currency") or found.get("currency", "")
    china = calendar.china_market(present or ([] if stated not in ("", "CNY") else platforms), stated)
    country = None
    if china is None:
        # A zone ingest chose from the exports' UTC offsets (storebook.ingest.zones) fits several
        # countries: no clue to the country.
        zone = configured.get("timezone", "")
        guessed = (bool(found.get("timezone")) and found.get("timezone") == zone) or _zone_found_by_ingest(config, zone)
        country = calendar.infer_country(setting=configured.get("country", ""), currency=stated, timezone=zone,
                                         timezone_guessed=guessed)
        country["known"] = calendar.country_known(country["code"])
    return StoreIdentity(
        name=configured.get("name") or found.get("name", ""),
        name_zh=configured.get("name_zh") or found.get("name_zh", ""),
        currency=stated or DEFAULT_CURRENCY,
        platforms=platforms,
        currency_stated=bool(stated),
        calendar=china,
        country=country,
    )


def _zone_found_by_ingest(config: Config, zone: str) -> bool:
    """storebook.local.toml holds ``zone`` as the first ingest wrote it, found in the exports'
    UTC offsets (:func:`local_settings_template`) and not confirmed since: no clue to the country."""
    from storebook.engine.config import LOCAL_CONFIG_NAME

    try:
        lines = (config.root / LOCAL_CONFIG_NAME).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.startswith(f'timezone = "{zone}"') and ZONE_FOUND_NOTE in line for line in lines)


def write_local_settings(config: Config, manifest: dict | None = None) -> Path | None:
    """Write storebook.local.toml from what the data says, unless one exists.

    Returns:
        The file written, or None when the workbook already has one.
    """
    from storebook.engine.config import LOCAL_CONFIG_NAME

    target = config.root / LOCAL_CONFIG_NAME
    if target.exists():
        return None
    found = (manifest or {}).get("store") or read_store_file(config.raw_dir)
    target.write_text(local_settings_template(identify(config, {"store": found}), found), encoding="utf-8")
    return target


def local_settings_template(identity: StoreIdentity, found: dict) -> str:
    """The text of a first storebook.local.toml: what the data says, to confirm or change."""
    platforms = ", ".join(f'"{p}"' for p in found.get("platforms", [])) or ""
    currency = found.get("currency", "")
    lines = [
        "# storebook.local.toml: this machine's settings for the store (never committed).",
        "# Written by `storebook init` (or the first ingest) from what the data says; edit freely.",
        "# Every setting is listed in the storebook.toml that ships with storebook.",
        "",
        "[store]",
        f'name = "{identity.name}"' if identity.name else '# name = "My Shop"          # the name on the report pack',
        f'name_zh = "{identity.name_zh}"' if identity.name_zh else '# name_zh = "我的店铺"',
        f'# currency = "{currency}"        # found in the exports' if currency else
        '# currency = "CNY"             # ISO code of the amounts',
    ]
    # The country: commented, as the currency is: inferred while it is absent (a store in China's
    # calendar is China's, and the setting is not read there).
    lines.append("# country: a store outside China, its ISO 3166 code; its public holidays are set apart in the "
                 "pages (traffic, fulfilment, promotions, plan). Left out, it is inferred from the currency or a "
                 "time zone you set where they name one country.")
    inferred = identity.country or {}
    if inferred.get("code") and inferred.get("how") in ("currency", "timezone"):
        what = "currency" if inferred["how"] == "currency" else "time zone"
        lines.append(f'# country = "{inferred["code"]}"             # inferred from the {what} {inferred["clue"]}')
    else:
        lines.append('# country = "BR"')
    if found.get("timezone"):
        # Active, not a comment: the next ingest and the reports read the days as this one did.
        lines.append(f'timezone = "{found["timezone"]}"   {ZONE_FOUND_NOTE}: {found.get("timezone_found", "")}')
    if platforms:
        lines.append(f"# platforms found in the data: [{platforms}] (the platforms ingest accepts are "
                     "[store] platforms)")
    return "\n".join(lines) + "\n"
