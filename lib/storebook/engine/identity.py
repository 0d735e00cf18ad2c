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
from typing import Any

from storebook.engine import calendar
from storebook.engine.config import Config

#: A file under data/raw that describes the store (names starting with "_" are not data).
STORE_FILE = "_store.json"
DEFAULT_CURRENCY = "CNY"
_UNNAMED = {"en": "Your store", "zh": "本店"}
#: What the first ingest writes beside a time zone it found in the exports' UTC offsets.
ZONE_FOUND_NOTE = "# found in the exports"


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


def holds_shopify_data(manifest: dict | None) -> bool:
    """Whether ingest read a Shopify export for the store (``_ingest.json``'s files, read by the
    ``shopify_*`` sources): a how-to that names a Shopify column ("Cost per item") is for such a
    store, and reads as noise on a Taobao store's page."""
    return any(str(f.get("source", "")).startswith("shopify_") for f in (manifest or {}).get("files", []))


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
    and the currency configured in ``[store] currency``) state different currencies,
    ``unstated`` when files with money state none beside files that state one (their amounts
    are then read as the stated currency: a Shopify products export states none; a file in the
    contract's layout is in the store's currency by definition, not counted), and ``mixed``
    when neither holds but one file's currency column states several currencies in its own
    rows (``mixed`` lists those files whatever the kind: money is summed across rows, so the
    sums of such a file mean nothing).

    Args:
        files: ``_ingest.json``'s ``files`` (path, source, table, currency, currency_column,
            currency_rows: the rows of the file stating each currency).
        configured: the ``[store] currency`` set in storebook.toml ("" when none is set).

    Returns:
        None when nothing needs saying; else ``kind``, ``currencies`` (the stated ones, the
        commonest first), ``stated`` (path, currency, column; one per file stating one),
        ``unstated`` (path, table: files of a table with money that state none), ``mixed``
        (path, column, rows: each currency with its rows, the most first; one per file),
        ``configured``.

    >>> check_currencies([{"path": "a.csv", "table": "orders", "currency": "EUR"},
    ...                   {"path": "b.csv", "table": "orders", "currency": "USD"}])["kind"]
    'differ'
    >>> check_currencies([{"path": "a.csv", "table": "orders", "currency": "EUR"}]) is None
    True
    >>> found = check_currencies([{"path": "a.csv", "table": "orders", "currency_column": "Currency",
    ...                            "currency_rows": {"USD": 2, "EUR": 17}}])
    >>> found["kind"], found["mixed"]
    ('mixed', [{'path': 'a.csv', 'column': 'Currency', 'rows': {'EUR': 17, 'USD': 2}}])
    """
    stated: dict[str, dict] = {}
    mixed: dict[str, dict] = {}
    for f in files:
        rows = f.get("currency_rows") or {}
        if len(rows) > 1 and f["path"] not in mixed:  # one file, several currencies (the adapter states none)
            mixed[f["path"]] = {"path": f["path"], "column": f.get("currency_column") or "",
                                "rows": dict(sorted(rows.items(), key=lambda kv: (-kv[1], kv[0])))}
        elif f.get("currency") and f["path"] not in stated:
            stated[f["path"]] = {"path": f["path"], "currency": f["currency"], "column": f.get("currency_column") or ""}
    with_money = money_tables()
    # A file in the contract's layout (source ``canonical``) is written in the store's currency by
    # definition (docs/contract.md); a platform's export that states none may be in another. A
    # file that states several is not one that states none: it is warned of as mixed.
    unstated = {f["path"]: {"path": f["path"], "table": f["table"]} for f in files
                if f["path"] not in stated and f["path"] not in mixed and f["table"] in with_money
                and f.get("source") != "canonical"} if stated else {}
    currencies = [c for c, _ in Counter(s["currency"] for s in stated.values()).most_common()]
    # Nothing stated: the store's currency is set or assumed (the catalogue's cli.hint.currency).
    differ = bool(stated) and len(set(currencies) | ({configured} if configured else set())) > 1
    if not differ and not unstated and not mixed:
        return None
    kind = "differ" if differ else "unstated" if unstated else "mixed"
    return {"kind": kind, "currencies": currencies, "stated": list(stated.values()),
            "unstated": list(unstated.values()), "mixed": list(mixed.values()),
            "configured": configured if differ and configured not in currencies else ""}


def currency_facts(found: dict | None, text: Any) -> dict[str, dict[str, Any]]:
    """The sentences of the message catalogue that say what :func:`check_currencies` found, as
    key → values, in the order they are said: the ingest summary and the data-quality page render the same ones (a
    wording is written once, in storebook/report/catalogue/data_quality.py).

    Files are named by the path ingest records (``data/raw/<folder>/<file>``): two folders
    may each hold an ``orders.csv``.

    Args:
        found: :func:`check_currencies`'s result (``_ingest.json`` → ``currencies``), or None.
        text: the report's catalogue in one language (storebook.report.text.Text).
    Returns:
        ``data_quality.ingest.currency`` (files that differ) or ``….unstated`` (files that state
        none beside one that does), and ``data_quality.ingest.mixed_currency`` (a file whose
        rows state several), each where it applies; empty when nothing needs saying.
    """
    if not found:
        return {}
    out: dict[str, dict[str, Any]] = {}
    if found["kind"] in ("differ", "unstated"):
        stated = [text("data_quality.currency.stated" if s.get("column") else "data_quality.currency.stated.no_column",
                       file=s["path"], currency=s["currency"], column=s.get("column") or "") for s in found["stated"]]
        if found.get("configured"):
            stated.append(text("data_quality.currency.configured", currency=found["configured"]))
        if found["kind"] == "differ":  # files that state none beside them are said among them
            stated += [text("data_quality.currency.none", file=u["path"]) for u in found["unstated"]]
            out["data_quality.ingest.currency"] = {"stated": text.join(stated)}
        else:
            out["data_quality.ingest.currency.unstated"] = {
                "stated": text.join(stated), "unstated": text.join([u["path"] for u in found["unstated"]]),
                "currency": found["currencies"][0]}
    if found.get("mixed"):  # _ingest.json written before files were checked one by one has none
        files = [text("data_quality.currency.mixed_file", file=m["path"], column=m["column"] or "—",
                      rows=text.join([text("data_quality.currency.rows", rows=n, currency=c)
                                      for c, n in m["rows"].items()]))
                 for m in found["mixed"]]
        out["data_quality.ingest.mixed_currency"] = {"mixed": text("word.semicolon").join(files)}
    return out


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
