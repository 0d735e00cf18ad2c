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
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
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
#: Signs that several currencies write, each with the codes it may stand for (the commonest first):
#: they name none of them. A currency column's cell holding one stays unread and its row is
#: rejected, as taking the likeliest would sum a shop's yen as yuan (¥, ￥), or its Australian
#: dollars as US dollars ($), without a word; Rs is the rupee of India, Pakistan, Nepal, Sri Lanka
#: … (₹ is India's alone). The reason, and the stop of a `currency:` setting holding one, name the
#: codes, so that the user writes (or maps it to) the shop's own.
SEVERAL_CURRENCIES: dict[str, tuple[str, ...]] = {
    "¥": ("CNY", "JPY"), "￥": ("CNY", "JPY"), "$": ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"),
    "RS": ("INR", "PKR", "NPR", "LKR"), "RS.": ("INR", "PKR", "NPR", "LKR"),
}
#: What the exports write for a currency that is not its ISO 4217 code (upper case), and the code to
#: write instead. A spelling whose entry is a code names that one currency, and a currency cell (or a
#: source's `currency:` setting) holding it is read as that code (:func:`read_currency`: a Chinese
#: shop writes 人民币 or RMB). A sign of :data:`SEVERAL_CURRENCIES` says which it may be.
CURRENCY_SPELLINGS: dict[str, str] = {
    "元": "CNY", "人民币": "CNY", "RMB": "CNY", "R$": "BRL", "€": "EUR", "US$": "USD", "£": "GBP", "₹": "INR",
    **{sign: f"{codes[0]} (or {', '.join(codes[1:])})" for sign, codes in SEVERAL_CURRENCIES.items()},
}
#: The spellings of :data:`CURRENCY_SPELLINGS` that name one currency (their entry is a code).
_ONE_CURRENCY = {spelling: code for spelling, code in CURRENCY_SPELLINGS.items() if spelling not in SEVERAL_CURRENCIES}


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
    #: How ``currency`` was inferred where neither the settings nor the exports state it, None where
    #: it was not (:func:`infer_currency`): ``{"how": "region", …}`` (the data's regions lie in one
    #: country: its currency) or ``{"how": "mixed", …}`` (the exports state several: the commonest).
    #: Said by the ingest summary and the hint, never silently.
    currency_inferred: dict | None = None

    @property
    def named(self) -> bool:
        return bool(self.name or self.name_zh)

    def title(self, language: str) -> str:
        """The store's name in ``language`` (the other language's name, else a neutral one)."""
        first, second = (self.name_zh, self.name) if language == "zh" else (self.name, self.name_zh)
        return first or second or _UNNAMED.get(language, _UNNAMED["en"])


def currency_code(value: object) -> str | None:
    """``value`` as an ISO 4217 currency code (trimmed, upper case), or None when it is not one.

    Three letters, and a code babel (CLDR) knows where babel is installed: ``brl`` is BRL;
    ``R$``, ``RMB`` and ``12.50`` are not codes.

    >>> currency_code(" brl "), currency_code("R$"), currency_code("RMB"), currency_code("")
    ('BRL', None, None, None)
    """
    code = str(value).strip().upper()
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        return None
    try:
        from babel.numbers import list_currencies
    except ImportError:  # babel comes with JupyterLab; without it, the form alone is checked
        return None if code in CURRENCY_SPELLINGS else code  # RMB has a code's form
    return code if code in list_currencies() else None


def currency_todo(value: object) -> str:
    """What to write instead of ``value``, a currency that is not a code ("" when storebook cannot tell).

    >>> currency_todo("R$"), currency_todo("Dollars")
    ('R$ is written BRL', '')
    """
    code = CURRENCY_SPELLINGS.get(str(value).strip().upper())
    return f"{str(value).strip()} is written {code}" if code else ""


def read_currency(value: object, values: Mapping[str, str] | None = None) -> str | None:
    """A currency column's cell as a code: the file's own spelling mapped by ``values`` (a custom
    source's ``currency.values``), else the ISO 4217 code it is, else the one currency it spells
    (:data:`CURRENCY_SPELLINGS`, in any case: rmb is RMB); None where it is none of these ($ and ¥,
    which name several, Yuan, a typo, an amount). Empty cells are not asked: they state no currency.

    >>> read_currency("eur"), read_currency("人民币"), read_currency("rmb"), read_currency("R$")
    ('EUR', 'CNY', 'CNY', 'BRL')
    >>> read_currency("¥"), read_currency("$"), read_currency("Rs"), read_currency("Reais", {"Reais": "BRL"})
    (None, None, None, 'BRL')
    """
    text = str(value).strip()
    return (values or {}).get(text) or currency_code(text) or _ONE_CURRENCY.get(text.upper())


def tally_currencies(found: Iterable[tuple[str, int, int]], values: Mapping[str, str] | None = None,
                     ) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """What a file's currency column states, from its non-empty cells counted per value: each
    value as written, the rows holding it and the first of them (the file's row number).

    Returns:
        (code → rows stating it, sorted by code; value that is no code → ``rows`` and first
        ``row``, sorted by value): SourceFrame's ``currency_rows`` and ``currency_unread``.

    >>> tally_currencies([("USD", 2, 2), ("usd", 1, 5), ("US$", 1, 6), ("$", 2, 3), ("Yuan", 1, 4)])
    ({'USD': 4}, {'$': {'rows': 2, 'row': 3}, 'Yuan': {'rows': 1, 'row': 4}})
    """
    rows: dict[str, int] = {}
    unread: dict[str, dict[str, int]] = {}
    for value, n, first in found:
        code = read_currency(value, values)
        if code:
            rows[code] = rows.get(code, 0) + int(n)
        else:
            was = unread.get(value, {"rows": 0, "row": int(first)})
            unread[value] = {"rows": was["rows"] + int(n), "row": min(was["row"], int(first))}
    return dict(sorted(rows.items())), dict(sorted(unread.items()))


def several_currencies(value: object) -> tuple[str, ...]:
    """The codes ``value`` may stand for where it is a sign that several currencies write
    (:data:`SEVERAL_CURRENCIES`, in any case), else ().

    >>> several_currencies("￥"), several_currencies(" rs "), several_currencies("R$")
    (('CNY', 'JPY'), ('INR', 'PKR', 'NPR', 'LKR'), ())
    """
    return SEVERAL_CURRENCIES.get(str(value).strip().upper(), ())


def unread_currency_reason(column: str, value: str, declared_in: str = "") -> str:
    """Why a row whose currency cell is no code is rejected (ingest's words: storebook.ingest.wording
    says them in the reader's language). Its amounts are in a currency nothing tells: kept, they would
    be summed as the store's (yuan counted as dollars), so the row is set aside with what to do —
    write the code in the export, or, for a source declared in ``declared_in``, map the spelling.
    A sign that several currencies write (¥: the yuan and the yen) is said as such, with its codes
    and, for a declared source, the line that maps it (a Shopify export has no such line: its
    Currency column is where the code goes, as Shopify's own export writes it).

    >>> unread_currency_reason("Currency", "Yuan")[:58]
    "'Currency' = 'Yuan' is not a currency code (ISO 4217, such"
    >>> unread_currency_reason("币种", "¥", "storebook.sources.yaml")[-107:]
    "storebook.sources.yaml: `currency: {column: 币种, values: {'¥': CNY}}` (with the shop's code in place of CNY)"
    """
    codes = several_currencies(value)
    if codes:
        reason = (f"'{column}' = '{value}' is written for several currencies ({', '.join(codes)}) and names none of "
                  "them: the row's amounts would be summed as another's; write the shop's code in the export's column")
        if declared_in:
            reason += (f", or map the sign to it in {declared_in}: `currency: {{column: {column}, values: "
                       f"{{'{value}': {codes[0]}}}}}` (with the shop's code in place of {codes[0]})")
        return reason
    reason = (f"'{column}' = '{value}' is not a currency code (ISO 4217, such as USD, EUR or CNY, or an empty cell): "
              "the row's amounts are in a currency storebook cannot tell, and would be summed as another's; write "
              "the code in the export's column")
    if declared_in:
        reason += f", or map the spelling to its code with `currency.values` in {declared_in}"
    return reason


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


def found_in_data(raw_dir: Path, platforms: list[str], currencies: list[str],
                  currency_rows: dict[str, int] | None = None, regions: dict[str, dict] | None = None) -> dict:
    """What ingest records of the store (``_ingest.json`` → ``store``).

    Args:
        raw_dir: the raw folder (for ``_store.json``).
        platforms: the platforms present in the processed tables.
        currencies: the currency each export states (one entry per file that states one).
        currency_rows: the rows stating each currency across the files (a file's currency
            column); kept where they state several (:func:`infer_currency`).
        regions: the countries the rows' regions name (storebook.ingest.crossfile.region_countries).
    """
    out: dict = {"platforms": list(platforms)}
    if currencies:
        out["currency"] = Counter(currencies).most_common(1)[0][0]
        if len(set(currencies)) > 1:
            out["currencies"] = sorted(set(currencies))
    if currency_rows and len(currency_rows) > 1:
        out["currency_rows"] = dict(sorted(currency_rows.items(), key=lambda kv: (-kv[1], kv[0])))
    if regions:
        out["regions"] = regions
    out.update(read_store_file(raw_dir))
    return out


def money_tables() -> set[str]:
    """The contract's tables with a column of money (unit CNY in the contract: amounts, prices, costs)."""
    from storebook.engine import schema

    return {t for t in schema.TABLES if any(c.unit == "CNY" for c in schema.columns(t))}


def check_currencies(files: list[dict], configured: str = "") -> dict | None:
    """Whether the store's files hold amounts in more than one currency, as far as they say.

    storebook converts no currency and rejects no row for the currency it states (only for one
    that is no code: :func:`unread_currency_reason`); this is what ingest warns
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
        ``configured``, and ``unread`` where a currency column holds values that are no
        currency code (path, column, value, rows, row: the first; ``kind`` ``unread`` when
        nothing else is to say): their rows were rejected, in no currency anything states.

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
    # Values of a currency column that are no code ($, Yuan): one entry per file and value.
    unread = {(f["path"], value): {"path": f["path"], "column": f.get("currency_column") or "", "value": value,
                                   "rows": int(u["rows"]), "row": int(u["row"])}
              for f in files for value, u in (f.get("currency_unread") or {}).items()}
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
    if not differ and not unstated and not mixed and not unread:
        return None
    kind = "differ" if differ else "unstated" if unstated else "mixed" if mixed else "unread"
    return {"kind": kind, "currencies": currencies, "stated": list(stated.values()),
            "unstated": list(unstated.values()), "mixed": list(mixed.values()),
            "configured": configured if differ and configured not in currencies else "",
            **({"unread": sorted(unread.values(), key=lambda u: (u["path"], u["row"]))} if unread else {})}


def _natural(path: str) -> list[Any]:
    """A path's sort key with its numbers as numbers: orders_export_2.csv before orders_export_10.csv."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path)]


def _after_shared(first: str, last: str) -> str:
    """``last`` without what it shares with ``first`` up to their last common separator
    (``/ _ - . `` or a space), marked ``…``; whole where they share none.

    >>> _after_shared("data/raw/shopify/orders_export_2024-11.csv", "data/raw/shopify/orders_export_2026-10.csv")
    '…_2026-10.csv'
    >>> _after_shared("a.csv", "b.csv")
    'b.csv'
    """
    shared = len(os.path.commonprefix([first, last]))
    cut = max(first.rfind(sep, 0, shared) for sep in "/_-. ")
    return f"…{last[cut:]}" if cut > 0 else last


def name_files(paths: list[str], text: Any) -> str:
    """Files as one sentence names them: one by its path; several by how many, the first and the
    last (in order of their names, numbers as numbers), the last without the part of its path it
    shares with the first: ``24 files from data/raw/shopify/orders_export_2024-11.csv to
    …_2026-10.csv``. The count says whether every file between the two is one of them.

    >>> from storebook.report.text import Text
    >>> name_files(["data/raw/s/orders_2.csv", "data/raw/s/orders_10.csv", "data/raw/s/orders_1.csv"], Text("en"))
    '3 files from data/raw/s/orders_1.csv to …_10.csv'
    >>> name_files(["data/raw/a.csv", "data/raw/b.csv"], Text("zh"))
    '2 个文件（data/raw/a.csv 至 …/b.csv）'
    """
    paths = sorted(dict.fromkeys(paths), key=_natural)
    if len(paths) == 1:
        return paths[0]
    return text("data_quality.currency.files", files=len(paths), first=paths[0], last=_after_shared(paths[0], paths[-1]))


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
        none beside one that does), ``data_quality.ingest.mixed_currency`` (a file whose
        rows state several) and ``data_quality.ingest.currency.not_code`` (values of a currency
        column that are no code, each with its file, first row and column), each where it
        applies; empty when nothing needs saying.
    """
    if not found:
        return {}
    out: dict[str, dict[str, Any]] = {}
    if found["kind"] in ("differ", "unstated"):
        # One clause per currency and column, however many files state it (a shop's 24 monthly
        # orders exports are one clause, not 24).
        groups: dict[tuple[str, str], list[str]] = {}
        for s in found["stated"]:
            groups.setdefault((s["currency"], s.get("column") or ""), []).append(s["path"])
        stated = []
        for (currency, column), paths in groups.items():
            several = len(set(paths)) > 1
            key = "data_quality.currency.stated" + (".files" if several else "") + ("" if column else ".no_column")
            stated.append(text(key, file=name_files(paths, text), currency=currency, column=column))
        if found.get("configured"):
            stated.append(text("data_quality.currency.configured", currency=found["configured"]))
        unstated = name_files([u["path"] for u in found["unstated"]], text) if found["unstated"] else ""
        if found["kind"] == "differ":  # files that state none beside them are said among them
            if unstated:
                stated.append(text("data_quality.currency.none", file=unstated))
            out["data_quality.ingest.currency"] = {"stated": text.join(stated)}
        else:
            out["data_quality.ingest.currency.unstated"] = {
                "stated": text.join(stated), "unstated": unstated, "currency": found["currencies"][0]}
    if found.get("mixed"):  # _ingest.json written before files were checked one by one has none
        files = [text("data_quality.currency.mixed_file", file=m["path"], column=m["column"] or "—",
                      rows=text.join([text("data_quality.currency.rows", rows=n, currency=c)
                                      for c, n in m["rows"].items()]))
                 for m in found["mixed"]]
        out["data_quality.ingest.mixed_currency"] = {"mixed": text("word.semicolon").join(files)}
    if found.get("unread"):
        values = [text("data_quality.currency.not_code_value", file=u["path"], row=u["row"], column=u["column"] or "—",
                       value=u["value"], rows=u["rows"]) for u in found["unread"]]
        out["data_quality.ingest.currency.not_code"] = {"values": text("word.semicolon").join(values)}
    return out


def inferred_facts(inferred: dict | None, text: Any) -> dict[str, dict[str, Any]]:
    """The sentence of the message catalogue that says how the currency was inferred
    (:func:`infer_currency`, ``StoreIdentity.currency_inferred``), as key → values; empty where it
    was not. The ingest summary says it in the catalogue's words (en, 中文).

    >>> from storebook.report.text import Text
    >>> facts = inferred_facts({"currency": "BRL", "how": "region", "country": "BR", "share": 1.0, "rows": 3,
    ...                         "tables": ["suppliers.region"], "regions": ["BR-SP"]}, Text("en"))
    >>> [(key, Text("en")(key, **values)[75:]) for key, values in facts.items()][0][1][:45]
    'Brazil (BR-SP …: 100.0% of the 3 rows that na'
    """
    if not inferred:
        return {}
    if inferred["how"] == "mixed":
        rows = [text("data_quality.currency.rows", rows=n, currency=c) for c, n in inferred["rows"].items()]
        return {"data_quality.ingest.currency.inferred.mixed": {"rows": text.join(rows), "currency": inferred["currency"]}}
    values = {"currency": inferred["currency"], "country": inferred["country"]}
    if inferred["how"] == "setting":
        return {"data_quality.ingest.currency.inferred.setting": values}
    return {"data_quality.ingest.currency.inferred": values | {
        "regions": ", ".join(inferred["regions"]), "share": inferred["share"], "rows": inferred["rows"],
        "tables": ", ".join(inferred["tables"])}}


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
    # Where no country is set, China's calendar follows the currency configured or stated, never
    # the CNY assumed, and the platforms the data hold. Where they hold none (a catalogue and stock alone), the
    # configured ones count only if no other currency is stated: storebook.toml's default
    # lists Tmall, and an Amazon India store in INR is not on it.
    stated = configured.get("currency") or found.get("currency", "")
    # Not stated: the data may still say it (regions in one country, rows that state several):
    # inferred, and said by the ingest summary and the hint; CNY only where nothing says.
    inferred = None if stated else infer_currency(found, configured.get("country", ""))
    shown = stated or (inferred or {}).get("currency", "")
    # The country set decides before either ([store] country = "CN" is China's calendar; "DE" on
    # amounts in yuan is Germany's holidays): calendar.china_market.
    china = calendar.china_market(present or ([] if shown not in ("", "CNY") else platforms), stated,
                                  configured.get("country", ""))
    country = None
    if china is None:
        # A zone ingest chose from the exports' UTC offsets (storebook.ingest.zones) fits several
        # countries: no clue to the country.
        zone = configured.get("timezone", "")
        guessed = (bool(found.get("timezone")) and found.get("timezone") == zone) or _zone_found_by_ingest(config, zone)
        region = region_country(found.get("regions") or {})
        country = calendar.infer_country(setting=configured.get("country", ""), currency=stated, timezone=zone,
                                         timezone_guessed=guessed, region=(region or {}).get("code", ""),
                                         region_clue=", ".join((region or {}).get("regions", [])))
        country["known"] = calendar.country_known(country["code"])
    return StoreIdentity(
        name=configured.get("name") or found.get("name", ""),
        name_zh=configured.get("name_zh") or found.get("name_zh", ""),
        currency=shown or DEFAULT_CURRENCY,
        platforms=platforms,
        currency_stated=bool(stated),
        calendar=china,
        country=country,
        currency_inferred=inferred,
    )


#: The share of the rows naming a country's region that one country must hold for the regions to
#: name the store's country (an order sent abroad now and then does not move the store).
REGION_SHARE = 0.9


def region_country(regions: dict[str, dict]) -> dict | None:
    """The one country the data's regions name (``_ingest.json`` → ``store`` → ``regions``), or None.

    Returns:
        ``code``, ``share`` (of the rows naming a country's region), ``rows`` (naming any
        country's), ``tables`` and ``regions`` (its commonest values), where one country holds at
        least :data:`REGION_SHARE` of them.

    >>> region_country({"BR": {"rows": 95, "tables": ["orders.province"], "regions": ["BR-SP"]},
    ...                 "US": {"rows": 5, "tables": ["orders.province"], "regions": ["US-NY"]}})["code"]
    'BR'
    >>> region_country({"BR": {"rows": 6, "tables": [], "regions": []}, "PT": {"rows": 4, "tables": [], "regions": []}})
    """
    total = sum(int(r.get("rows", 0)) for r in regions.values())
    if not total:
        return None
    code, top = max(regions.items(), key=lambda kv: (int(kv[1].get("rows", 0)), kv[0]))
    if int(top.get("rows", 0)) < REGION_SHARE * total:
        return None
    return {"code": code, "share": int(top["rows"]) / total, "rows": total, "tables": list(top.get("tables", [])),
            "regions": list(top.get("regions", []))}


def country_currency(code: str) -> str | None:
    """The currency of country ``code`` where it has one (ISO 4217), else None.

    >>> country_currency("BR"), country_currency("DE"), country_currency("AE"), country_currency("XX")
    ('BRL', 'EUR', 'AED', None)
    """
    code = code.upper()
    own = [c for c, country in calendar.CURRENCY_COUNTRY.items() if country == code]
    own += [c for c, countries in calendar.SHARED_CURRENCY_COUNTRIES.items() if code in countries]
    if not own:
        try:
            from babel.numbers import get_territory_currencies
        except ImportError:
            return None
        own = get_territory_currencies(code)
    return own[0] if len(own) == 1 else None  # two legal tenders (CLDR): no guess


def infer_currency(found: dict, country: str = "") -> dict | None:
    """The currency the data says where neither the settings nor the exports state one, or None.

    - ``mixed``: files' currency columns state several currencies in their rows: the one the
      most rows state (``rows``: each currency's rows); sums mix them (ingest warns of it).
    - ``region``: the country set in ``[store] country``, else the one the data's regions name
      (:func:`region_country`: Olist's ``BR-SP``), is outside China and has one currency: that
      one (``country``, and ``share``, ``tables``, ``regions`` of the regions).

    Args:
        found: ``_ingest.json`` → ``store``.
        country: ``[store] country`` ("" when not set).
    Returns:
        ``{"currency", "how", …}``, or None where the data say nothing (amounts then shown in
        the default, CNY, with the hint to set the currency).

    >>> infer_currency({"currency_rows": {"EUR": 17, "USD": 2}})["currency"]
    'EUR'
    >>> infer_currency({"regions": {"BR": {"rows": 3, "tables": ["suppliers.region"], "regions": ["BR-SP"]}}})
    {'currency': 'BRL', 'how': 'region', 'country': 'BR', 'share': 1.0, 'rows': 3, 'tables': ['suppliers.region'], 'regions': ['BR-SP']}
    >>> infer_currency({}, "IN")["currency"], infer_currency({"regions": {"CN": {"rows": 9}}})
    ('INR', None)
    """
    rows = found.get("currency_rows") or {}
    if rows:
        return {"currency": max(rows.items(), key=lambda kv: (kv[1], kv[0]))[0], "how": "mixed", "rows": dict(rows)}
    region = {"code": country.upper(), "how": "setting"} if country else region_country(found.get("regions") or {})
    if not region or region["code"] == "CN":
        return None
    currency = country_currency(region["code"])
    if currency is None:
        return None
    out = {"currency": currency, "how": "setting" if country else "region", "country": region["code"]}
    return out | {k: region[k] for k in ("share", "rows", "tables", "regions") if k in region}


def currency_hint(identity: StoreIdentity, text: Any) -> str:
    """The hint ``storebook ingest`` ends with where the currency is not stated: what the amounts
    are shown in and why, in ``text``'s language (the message catalogue, ``cli.hint.currency*``:
    the rows of each of several currencies, the currency of the country the data's regions or the
    setting name, else the default's).

    >>> from storebook.report.text import Text
    >>> mixed = StoreIdentity("", "", "EUR", currency_stated=False, currency_inferred={
    ...     "currency": "EUR", "how": "mixed", "rows": {"EUR": 17, "USD": 2}})
    >>> currency_hint(mixed, Text("en"))[:76]
    'hint: the exports state several currencies (17 rows in EUR and 2 rows in USD'
    >>> currency_hint(mixed, Text("zh")).split("；")[0]
    '提示：导出文件标明了多个币种（EUR 17 行、USD 2 行），storebook 不做币种换算：金额按标明行数最多的 EUR 显示'
    """
    inferred = identity.currency_inferred or {}
    if inferred.get("how") == "mixed":
        # The rows of each currency as the summary and the data-quality page say them (one wording).
        rows = text.join([text("data_quality.currency.rows", rows=n, currency=c) for c, n in inferred["rows"].items()])
        return text("cli.hint.currency.mixed", rows=rows, currency=identity.currency)
    if inferred.get("how") == "setting":
        return text("cli.hint.currency.setting", currency=identity.currency, country=inferred["country"])
    if inferred.get("how") == "region":
        return text("cli.hint.currency.region", currency=identity.currency, country=inferred["country"],
                    regions=", ".join(inferred.get("regions", [])))
    return text("cli.hint.currency", currency=identity.currency)


def _inferred_note(identity: StoreIdentity) -> str:
    """How an inferred currency was inferred, for storebook.local.toml's comment (that file is
    written in English, as all its comments are; the console says it in :func:`currency_hint`)."""
    inferred = identity.currency_inferred or {}
    if inferred.get("how") == "mixed":
        return f"amounts are shown as {identity.currency}, the one most rows state"
    why = ("set as the store's country" if inferred.get("how") == "setting" else
           f"where the data's regions lie ({', '.join(inferred.get('regions', []))} …)")
    return (f"amounts are shown as {identity.currency}, the currency of "
            f"{calendar.country_name(inferred.get('country', ''))}, {why}")


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
        f'# currency = "{identity.currency}"        # inferred: ' + _inferred_note(identity)
        if identity.currency_inferred else '# currency = "CNY"             # ISO code of the amounts',
    ]
    # The country: commented, as the currency is: inferred while it is absent. Set, it decides the
    # calendar (calendar.china_market): "CN" is China's, another that country's holidays.
    lines.append("# country: the store's ISO 3166 code; set, it decides the calendar: \"CN\" is China's (618, "
                 "Double 11, the Spring Festival), another that country's public holidays, set apart in the pages "
                 "(traffic, fulfilment, promotions, plan). Left out, it is inferred from the currency or a time zone "
                 "you set, or from the data's regions, where they name one country; China's calendar where the "
                 "store sells on a Chinese platform or in yuan.")
    inferred = identity.country or {}
    if inferred.get("code") and inferred.get("how") in ("currency", "timezone", "region"):
        what = {"currency": "currency", "timezone": "time zone", "region": "regions in the data:"}[inferred["how"]]
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
