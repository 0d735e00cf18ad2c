"""Every report-facing string, in English and Chinese (中文), from one catalogue.

Titles, headings, questions, axis names, legend labels, column headers and generated
sentences all come from :data:`CATALOGUE` (the files of storebook/report/catalogue, one per
report, and the metric registry's names), keyed ``<area>.<key>`` (``traffic.daily``) or
``<kind>.<value>`` (``platform.tmall``, ``metric.uv_value``). A notebook picks the language
with its ``language`` parameter; nothing report-facing is written inline in a code cell.

Sentences are ``str.format`` templates whose placeholders take house format specs, so
that a takeaway reads from the numbers in either language:

=============  ====================================  ==========================
spec           en                                    zh
=============  ====================================  ==========================
``count``      ``12,345``                            ``1.23万`` (below 10,000: ``9,876``)
``money``      ``¥1,070,486``                        ``¥107万``, ``¥1.07亿``
``money2``     ``¥12.35``                            ``¥12.35``
``pct``        ``34.2%``, ``3.42%``, ``<0.01%``, ``0%``  ``3.42%`` (a share: as its card and table)
``percent``    ``103.2%`` (no share of a whole)      ``103.2%``
``change``     ``up 3.4%`` / ``down 3.4%`` / ``flat``  ``增长3.4%`` / ``下降3.4%`` / ``持平``
``signed``     ``+3.4%``, ``−3.4%``                  ``+3.4%``
``pp``         ``+0.31 pp``                          ``+0.31个百分点``
``ratio``      ``1.03``                              ``1.03``
``date``       ``14 Oct``                            ``10月14日``
``platform``   ``Tmall``                             ``天猫`` (any ``<kind>`` of the catalogue)
``platforms``  ``Tmall and JD``                      ``天猫、京东`` (codes: a list or "tmall, jd")
``sku``        ``SKU-001``; ``mug (item name; no SKU)``  ``mug（商品名，无商品编码）`` (:meth:`Text.sku`)
``table``      ``order lines``                       ``订单明细（order_lines）`` (a canonical table)
``that``       ``that month`` / ``that period``      ``该月`` / ``该期间`` (a period's label: a month's, or a window's)
``country``    ``Brazil``                            ``巴西`` (an ISO 3166 code: :func:`storebook.engine.calendar.country_name`)
``not_china``  ``the store's settings give its country as Germany (DE)``  why China's calendar does not apply: the
               country set (its code: :func:`storebook.engine.calendar.country_set`), else (None) the platforms
               and currency
``duration``   ``45 minutes``, ``5.2 hours``, ``2.1 days``  ``45分钟``, ``5.2小时``, ``2.1天`` (minutes; ``duration_h``: hours)
``key``        a catalogue key's text, or of a pair ``(key, {values})`` filled in: a part of a sentence the facts chose
=============  ====================================  ==========================

A missing value (None, NaN) renders as ``n/a`` / ``未知``; a comparison that is unknown is left
out of its parenthesis instead ("(n/a on the prior month, n/a on last year)" is not said), and an
English count agrees with its noun ("1 province", "1 order was"): :func:`fit_template`. Numbers follow the pack's one style
(:mod:`storebook.report.number_style`: 万/亿 in Chinese sentences, the minus sign U+2212,
never ``−0``); tables ask for full digits (``Text.number(…, compact=False)``).

Example:
    >>> t = Text("zh")
    >>> t("metric.conversion_rate")
    '支付转化率'
    >>> Text("en").format("{v:change} on {p:platform}", v=-0.034, p="jd")
    'down 3.4% on JD'
"""

from __future__ import annotations

import math
import numbers
import re
import string
from datetime import date
from typing import Any

import pandas as pd

from storebook.errors import StorebookError
from storebook.measures.metrics import (
    FLAT_POINTS,
    FLAT_RELATIVE,
    MINUS,
    catalogue_labels,
    find_metric,
    format_points,
    in_points,
    shown_change,
)
from storebook.report import catalogue
from storebook.report.number_style import currency_symbol, format_money, format_number, use_currency

__all__ = ["CATALOGUE", "FLAT_BELOW", "LANGUAGES", "Text", "TextError", "check_catalogue", "check_language",
           "currency_symbol", "format_money", "is_key", "placeholders", "use_currency"]

LANGUAGES: tuple[str, ...] = catalogue.LANGUAGES

#: Relative changes smaller than this read as "flat" (the registry's threshold: 0.0%).
FLAT_BELOW = FLAT_RELATIVE

_L = dict[str, str]
#: How ingest keys an item without a SKU: ``name:`` + its name, folded (storebook.ingest.frames._key_lines).
NAME_KEY = "name:"


#: Every heading, sentence and name, by key (``traffic.daily.title``): the files of
#: storebook/report/catalogue, and the metric registry's names (storebook.measures.metrics).
CATALOGUE: dict[str, _L] = {**catalogue.load(), **catalogue_labels()}

_KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


#: Tied days named one by one up to this many; of more, the first :data:`FIRST_DAYS_NAMED` are
#: named and the rest counted ("1, 2, 3 May and 17 other days, tied").
MOST_DAYS_NAMED = 6
FIRST_DAYS_NAMED = 3


class TextError(StorebookError, KeyError):
    """A key or language the catalogue does not hold."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0] if self.args else ""


def check_language(language: str) -> str:
    """The language code, checked.

    Raises:
        TextError: for a language the catalogue does not hold.
    """
    if language not in LANGUAGES:
        raise TextError(f"language '{language}' is not available; choose one of {', '.join(LANGUAGES)}")
    return language


def is_key(value: str) -> bool:
    """True when ``value`` looks like a catalogue key (``area.key``)."""
    return isinstance(value, str) and bool(_KEY.match(value))


def _one_minus(number: str) -> str:
    """A number Python formatted (``{x:.1f}``) with the report's minus sign, and no sign on a
    zero: ``-3.0`` → ``−3.0``, ``-0.0`` → ``0.0``."""
    if number[:1] in "+-" and not any(ch in "123456789" for ch in number):
        return number[1:]
    return number.replace("-", MINUS, 1) if number.startswith("-") else number


class _Points(float):
    """A change of a rate in percentage points (as a fraction: 0.0086 is 0.86 pp), made
    from a relative change by :func:`_with_points`."""

    @property
    def points(self) -> float:
        return float(self)


_CHANGE_FIELD = re.compile(r"^(?P<base>[a-z0-9_]*?)_?(?P<field>vs_prior|vs_last_year)$")


def _with_points(template: str, values: dict[str, Any]) -> dict[str, Any]:
    """The values of a sentence with each ``{…:change}`` of a rate turned into percentage
    points, as the registry shows a rate's change (issue #16: "down 0.86 pp", not "down
    23.8%").

    A field ``<metric>_vs_prior`` / ``_vs_last_year`` is a change of ``<metric>`` (its value
    in ``<metric>``); a plain ``vs_prior`` is a change of ``values["metric"]`` (its value in
    ``value``), and ``<x>_vs_prior`` of it too when ``<x>_value`` is given (a platform's).
    A relative change whose rate is not given stays relative.
    """
    out = dict(values)
    for _, name, spec, _ in string.Formatter().parse(template):
        if not name or spec != "change" or name not in values or is_missing(values[name]):
            continue
        found = _CHANGE_FIELD.match(name)
        if found is None:
            continue
        base = found.group("base")
        if find_metric(base) and base in values:
            key, value = find_metric(base), values[base]
        elif "metric" in values and (f"{base}_value" if base else "value") in values:
            key, value = find_metric(values["metric"]), values[f"{base}_value" if base else "value"]
        else:
            continue
        if in_points(key) and not is_missing(value):
            points = shown_change(key, value, values[name])
            if points is not None:
                out[name] = _Points(points)
    return out


def is_missing(value: Any) -> bool:
    """True for a value that is not known (None, NA, NaT, NaN): a sentence says ``n/a`` or leaves
    its comparison out, a table's card leaves the change out (storebook.report.tables).

    >>> is_missing(float("nan")), is_missing(None), is_missing(0.0), is_missing("n/a")
    (True, True, False, False)
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float | int) and math.isnan(value))
    except TypeError:
        return False


#: A month's label (``storebook.engine.periods.month``: 2026-10); a window of months, a quarter or
#: a span of days is labelled otherwise (2026-08…2026-10).
_MONTH_LABEL = re.compile(r"\d{4}-\d{2}")


class _Formatter(string.Formatter):
    """``str.format`` with the house specs (see the module docstring)."""

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def format_field(self, value: Any, spec: str) -> str:
        t = self.text
        if spec == "event_suffix":  # " (Double 11)" after a day, or nothing
            if is_missing(value) or value in ("", "none"):
                return ""
            label = t(f"event.{value}")
            return f" ({label})" if t.language == "en" else f"（{label}）"
        if spec in ("platform", "channel", "device", "metric", "event", "driver", "step", "stage",
                    "verdict", "buyer_type", "effect_kind", "col", "segment", "category", "reason", "status", "dimension"):
            if isinstance(value, list | tuple):  # several tied for a place, named together: A, B and C / A、B、C
                return t.join([t(f"{spec}.{v}") for v in value]) if value else t.na
            return t.na if is_missing(value) else t(f"{spec}.{value}")
        if spec == "key":  # a catalogue key, or a (key, values) pair: a part of the sentence the facts chose
            if isinstance(value, tuple):
                return t(value[0], **value[1])
            return t.na if is_missing(value) else t(str(value))
        if spec == "platforms":  # codes, a list or "tmall, jd": 天猫、京东 / Tmall and JD
            if is_missing(value):
                return t.na
            codes = value.split(",") if isinstance(value, str) else list(value)
            return t.join(t.labels("platform", [c.strip() for c in codes if c.strip()]))
        if spec == "date":
            if isinstance(value, list | tuple | pd.Series | pd.Index):
                return t.dates(list(value))
            return t.na if is_missing(value) else t.date(value)
        if spec == "that":  # a period's label said again: that month (2026-10) / that period (2026-08…2026-10)
            month = isinstance(value, str) and _MONTH_LABEL.fullmatch(value) is not None
            return t("word.that_month" if month else "word.that_period")
        if spec == "not_china":  # why China's calendar does not apply: the country set ([store] country), else the clues
            code = "" if is_missing(value) else str(value).strip().upper()
            return t("word.not_china.set", country=code, country_code=code) if code else t("word.not_china.clues")
        if spec in ("country", "country_s"):  # an ISO 3166 code by its name in the page's language: Brazil / 巴西
            from storebook.engine.calendar import country_in_text

            if is_missing(value):
                return t.na
            name = country_in_text(str(value), t.language)
            if spec == "country":
                return name
            # The possessive: Brazil's, the United States' (a name ending in s takes the apostrophe alone) / 巴西的.
            return f"{name}的" if t.language == "zh" else name + ("'" if name.endswith("s") else "'s")
        if spec == "table":  # a canonical table by its name in words: 商品（products）
            return t.na if is_missing(value) else t.label("page.table", value)
        if spec in ("sku", "sku_beside_name"):  # a SKU, or the item name it is keyed by
            return t.na if is_missing(value) else t.sku(value, beside_name=spec == "sku_beside_name")
        if isinstance(value, _Points):  # a rate's change, as the registry writes it
            return t.points_change(value.points)
        if spec in ("count", "money", "money2", "pct", "pct2", "percent", "signed", "change", "pp", "ratio", "duration",
                    "duration_h"):
            return t.number(value, spec)
        if is_missing(value):
            return t.na
        out = super().format_field(value, spec)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _one_minus(out)
        return out


class Text:
    """The catalogue in one language.

    Args:
        language: ``"en"`` or ``"zh"``.

    ``text(key, **values)`` returns the string for ``key`` with ``values`` filled in.
    """

    def __init__(self, language: str = "en") -> None:
        self.language = check_language(language)
        self._formatter = _Formatter(self)

    def __repr__(self) -> str:
        return f"Text({self.language!r})"

    def __call__(self, key: str, **values: Any) -> str:
        try:
            template = CATALOGUE[key][self.language]
        except KeyError:
            raise TextError(f"'{key}' is not in the text catalogue (storebook.report.text.CATALOGUE); add it in English and Chinese") from None
        if not values and not placeholders(template):
            return template
        try:
            return self._fill(template, values)
        except (KeyError, IndexError) as exc:
            needed = ", ".join(sorted(placeholders(template) - set(values)))
            raise TextError(f"text '{key}' needs the value(s) {needed or exc}") from None

    def has(self, key: str) -> bool:
        """True when the catalogue holds ``key``."""
        return key in CATALOGUE

    def key_said(self, prefix: str, english: str) -> str | None:
        """The catalogue key under ``prefix`` whose English is ``english`` (None when there is
        none): words another layer wrote in English (ingest's rejection reasons), said again in
        the page's language by a caller that may not import this module."""
        return next((k for k, e in CATALOGUE.items() if k.startswith(prefix) and e["en"] == english), None)

    def format(self, template: str, **values: Any) -> str:
        """Fill a template with the house specs (for tests and catalogue checks)."""
        return self._fill(template, values)

    def _fill(self, template: str, values: dict[str, Any]) -> str:
        """The template with what its values make of it (:func:`fit_template`), filled in."""
        template = fit_template(template, values, self.language)
        return self._formatter.format(template, **_with_points(template, values))

    def label(self, kind: str, value: Any) -> str:
        """The label of a vocabulary value: ``label("platform", "jd")`` → ``"JD"``/``"京东"``.

        A value the catalogue does not know is returned as it is (a campaign name).
        """
        key = f"{kind}.{value}"
        return self(key) if key in CATALOGUE else str(value)

    def labels(self, kind: str, values) -> list[str]:
        return [self.label(kind, v) for v in values]

    @property
    def na(self) -> str:
        return CATALOGUE["word.na"][self.language]

    # -- numbers and dates ---------------------------------------------------------------
    def number(self, value: Any, spec: str, compact: bool = True) -> str:
        """A number in one of the house specs (``count``, ``money``, ``pct``, ``change``, ``pp`` …).

        Args:
            value: the number (missing: ``n/a`` / ``未知``).
            spec: the spec (see the module docstring).
            compact: 万/亿 for a Chinese count or amount (sentences, cards); a table passes False.
        """
        if is_missing(value):
            return self.na
        v = float(value)
        if spec == "change":
            if abs(v) < FLAT_RELATIVE:
                return self("word.flat")
            word = "word.up" if v > 0 else "word.down"
            return CATALOGUE[word][self.language].format(f"{abs(v):.1%}")
        if spec == "pp":  # a change of a rate: the registry's points, as on the cards
            return format_points(v, self.language)
        try:
            return format_number(v, spec, self.language, compact=compact)
        except ValueError:
            raise TextError(f"unknown number spec '{spec}'") from None

    def points_change(self, points: float) -> str:
        """A rate's change in words: ``up 0.86 pp`` / ``增长0.86个百分点``, ``flat`` / ``持平``."""
        if abs(points) < FLAT_POINTS:
            return self("word.flat")
        word = "word.up" if points > 0 else "word.down"
        return CATALOGUE[word][self.language].format(format_points(abs(points), self.language).lstrip("+"))

    def sku(self, value: Any, beside_name: bool = False) -> str:
        """A SKU as a reader sees it, in tables and sentences alike (``{…:sku}``): a SKU as it is;
        an item keyed by its name (an orders export without SKUs: ``name:<name>``, as ingest keys
        it) as the name, saying it is one; beside the product's name (``beside_name``, a table's
        product column or "Name (SKU)" in a sentence) only that it has no SKU.

        >>> Text("en").sku("name:the minimal snowboard"), Text("en").sku("name:mug", beside_name=True)
        ('the minimal snowboard (item name; no SKU)', 'no SKU; by item name')
        >>> Text("zh").sku("name:mug"), Text("zh").sku("SKU-001")
        ('mug（商品名，无商品编码）', 'SKU-001')
        """
        key = str(value)
        if not key.startswith(NAME_KEY):
            return key
        if beside_name:
            return self("word.sku_by_name.beside")
        return self("word.sku_by_name", name=key.removeprefix(NAME_KEY))

    def date(self, value: Any) -> str:
        day = pd.Timestamp(value) if not isinstance(value, date) else pd.Timestamp(value)
        if self.language == "zh":
            return f"{day.month}月{day.day}日"
        return f"{day.day} {day:%b}"

    def dates(self, days: list[Any]) -> str:
        """Days tied for a place (``{…:date}`` of a list): one day as :meth:`date`; up to
        :data:`MOST_DAYS_NAMED` named and said to tie (a month's days with the month once);
        of more, the first :data:`FIRST_DAYS_NAMED` named and the others counted, as a reader
        would say them (a fulfilment page read "the weakest payment days were 8 days tied,
        3–27 May": a count where a day was asked for).

        >>> Text("en").dates(["2025-05-11", "2025-05-14"]), Text("zh").dates(["2025-05-11", "2025-05-14"])
        ('11 and 14 May, tied', '5月11日、14日（并列）')
        >>> Text("en").dates(["2025-04-30", "2025-05-14"]), Text("en").dates([])
        ('30 Apr and 14 May, tied', 'n/a')
        >>> days = pd.date_range("2025-05-03", periods=7, freq="4D")
        >>> Text("en").dates(list(days)), Text("zh").dates(list(days))
        ('3, 7, 11 May and 4 other days, tied', '5月3日、7日、11日及其他4天（并列）')
        """
        if not days:
            return self.na
        stamps = sorted({pd.Timestamp(d).normalize() for d in days})
        if len(stamps) == 1:
            return self.date(stamps[0])
        if len(stamps) > MOST_DAYS_NAMED:
            return self("word.many_days_tied", days=self._days_named(stamps[:FIRST_DAYS_NAMED], ", "),
                        rest=len(stamps) - FIRST_DAYS_NAMED)
        return self("word.days_tied", days=self._days_named(stamps))

    def _days_named(self, stamps: list[pd.Timestamp], sep: str | None = None) -> str:
        """Days in order, a month's days with the month once ("11 and 14 May", 5月11日、14日);
        ``sep`` joins them instead of the language's list ("3, 7, 11 May", before "and 4 other days")."""
        first, last = stamps[0], stamps[-1]
        one_month = (first.year, first.month) == (last.year, last.month)
        join = self.join if sep is None or self.language == "zh" else sep.join
        if not one_month:
            return join([self.date(d) for d in stamps])
        if self.language == "zh":
            return f"{first.month}月" + "、".join(f"{d.day}日" for d in stamps)
        return f"{join([str(d.day) for d in stamps])} {first:%b}"

    def join(self, items: list[str]) -> str:
        """A list in the language: ``Tmall, JD and Douyin`` / ``天猫、京东、抖音``. Items that hold a
        clause of their own ("the orders table, which this store does not have") are closed by a
        comma before "and" (English) or set apart by ``；`` (Chinese), not run into the next item.

        >>> Text("en").join(["the orders table, which this store does not have", "our SKU"])
        'the orders table, which this store does not have, and our SKU'
        >>> Text("zh").join(["订单表，本店数据中没有", "对标商品"])
        '订单表，本店数据中没有；对标商品'
        """
        items = list(items)
        clauses = any(("，" if self.language == "zh" else ", ") in i for i in items[:-1])
        if self.language == "zh":
            return (self("word.semicolon") if clauses else self("word.and")).join(items)
        if len(items) < 2 or (len(items) < 3 and not clauses):
            return self("word.and").join(items)
        return ", ".join(items[:-1]) + ("," if clauses else "") + self("word.and") + items[-1]


# ----------------------------------------------------------------------------- the template as its values make it

#: The specs of a comparison (a change on the prior month, on last year, against a target).
COMPARISON_SPECS = frozenset({"change", "pp", "signed"})

#: A parenthesis of a sentence, with the space before it (English) — none nested inside.
_PARENTHESIS = {"en": re.compile(r" ?\(([^()]*)\)"), "zh": re.compile(r"（([^（）]*)）")}
_PART_SEPARATOR = {"en": ", ", "zh": "，"}


def _fields(template: str) -> list[tuple[str, str]]:
    """The (name, spec) of each field of a template."""
    return [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name]


def drop_unknown_comparisons(template: str, values: dict[str, Any], language: str) -> str:
    """The template without the comparisons that are unknown: in a parenthesis, a part (between
    commas) whose every field is a comparison (``{…:change}``, ``{…:pp}``, ``{…:signed}``) with
    no value is left out, and the parenthesis too when nothing is left in it. A store without a
    prior month or last year reads "Paid amount reached €13,961;", not "(n/a on the prior month,
    n/a on last year)"; "(up 3.4% on the prior month, n/a on last year)" keeps the known one.
    Comparisons outside parentheses, and parts with another field, stay as they are.

    >>> drop_unknown_comparisons("{x:money} ({a:change} on the prior month, {b:change} on last year).",
    ...                          {"x": 5, "a": None, "b": 0.1}, "en")
    '{x:money} ({b:change} on last year).'
    """
    sep = _PART_SEPARATOR[language]

    def unknown(part: str) -> bool:
        fields = _fields(part)
        return bool(fields) and all(spec in COMPARISON_SPECS and name in values and is_missing(values[name])
                                    for name, spec in fields)

    def fit(found: re.Match) -> str:
        parts = found.group(1).split(sep)
        kept = [p for p in parts if not unknown(p)]
        if len(kept) == len(parts):
            return found.group(0)
        if not kept:
            return ""
        return found.group(0).replace(found.group(1), sep.join(kept))

    return _PARENTHESIS[language].sub(fit, template)


#: English plural nouns a count is written before, and their singular (for a count of 1): the
#: catalogue's (tests/report/test_text.py checks every noun after a count is here).
PLURAL_NOUNS: dict[str, str] = {w: (w[:-3] + "y" if w.endswith("ies") else w[:-1]) for w in (
    "SKUs", "buyers", "campaigns", "categories", "changes", "channels", "clicks", "cohorts", "complaints",
    "customers", "cuts", "days", "files", "hours", "items", "lines", "listings", "lookups", "minutes", "months",
    "observations", "orders", "pairs", "parcels", "platforms", "prices", "products", "promotions", "provinces",
    "ratings", "refunds", "returns", "rows", "segments", "sections", "suppliers", "tables", "tickets", "types",
    "units", "visitors", "weeks", "warehouses", "carriers", "brands", "budgets", "coupons", "times", "metrics",
    "SKU-days", "warehouse-days", "competitors", "POs", "columns", "values", "characters")}
#: Words that may stand between a count and its noun ("3 new buyers", "1 paid order").
COUNT_ADJECTIVES = frozenset({
    "new", "paid", "active", "returning", "incremental", "coupon", "channel", "important-value", "eligible",
    "more", "busiest", "unpaid", "logistics", "distinct", "open", "late", "competitor", "other", "known"})
#: A verb right after the counted noun (or the count), as it agrees with one.
_VERB_OF_ONE = {"were": "was", "are": "is", "have": "has", "do": "does", "make": "makes", "bring": "brings",
                "feed": "feeds", "sell": "sells", "need": "needs", "come": "comes", "differ": "differs",
                "convert": "converts", "hold": "holds", "stand": "stands", "look": "looks"}
_WORD = re.compile(r"([A-Za-z][A-Za-z-]*)(\(s\))?")


def agree_with_count(text: str, one: bool) -> str:
    """The text after a count, agreeing with it in English: the counted noun (up to two
    adjectives after the count) singular after 1, and a verb right after it; ``day(s)`` reads
    ``day`` or ``days``. Text that does not start with such a noun is returned as it is.

    >>> agree_with_count(" provinces. Ontario leads", True), agree_with_count(" were not paid", True)
    (' province. Ontario leads', ' was not paid')
    >>> agree_with_count(" cohort(s), none", True), agree_with_count(" cohort(s), none", False)
    (' cohort, none', ' cohorts, none')
    """
    pos, words = 0, 0
    while words < 3:
        space = len(text) - len(text[pos:].lstrip(" "))
        if space == pos and pos > 0 or space == len(text):
            return text
        found = _WORD.match(text, space)
        if found is None or (found.end() < len(text) and text[found.end()] not in " ,.;:)–"):
            return text
        word, either = found.group(1), found.group(2)
        if one and word in _VERB_OF_ONE:  # "1 were", "1 more were"
            return text[:space] + _VERB_OF_ONE[word] + text[found.end():]
        if either or word in PLURAL_NOUNS:  # day(s): the count says which
            if not one:
                return text[:space] + word + "s" + text[found.end():] if either else text
            rest = text[found.end():]
            verb = re.match(r" ([a-z]+)\b", rest)
            if verb and verb.group(1) in _VERB_OF_ONE:
                rest = " " + _VERB_OF_ONE[verb.group(1)] + rest[verb.end():]
            return text[:space] + (word if either else PLURAL_NOUNS[word]) + rest
        if word not in COUNT_ADJECTIVES:
            return text
        pos, words = found.end(), words + 1
    return text


def _is_count(spec: str, value: Any) -> bool:
    return spec in ("count", "") and isinstance(value, numbers.Real) and not isinstance(value, bool) \
        and not is_missing(value) and float(value) == int(float(value))


#: "Name (SKU)" in a sentence: a name field, then its SKU in a parenthesis (``sku_beside_name``).
_NAME_BESIDE_SKU = {"en": re.compile(r"\{(\w+)\} ?\(\{(\w+):sku_beside_name\}\)"),
                    "zh": re.compile(r"\{(\w+)\}（\{(\w+):sku_beside_name\}）")}


def drop_name_repeated(template: str, values: dict[str, Any], language: str) -> str:
    """The template with "Name (SKU)" said once where the product has no name of its own: its
    name is unknown, or is the SKU (a catalogue without names: the name falls back to the SKU,
    ``storebook.engine.dimensions``), so the SKU stands alone (``{…:sku}``), not "0d98… (0d98…)".

    >>> drop_name_repeated("{n} ({s:sku_beside_name}) sold most", {"n": "0d98", "s": "0d98"}, "en")
    '{s:sku} sold most'
    >>> drop_name_repeated("{n}（{s:sku_beside_name}）", {"n": "Mug", "s": "M-1"}, "zh")
    '{n}（{s:sku_beside_name}）'
    """
    def fit(found: re.Match) -> str:
        name, sku = found.group(1), found.group(2)
        if name not in values or sku not in values or is_missing(values[sku]):
            return found.group(0)
        if is_missing(values[name]) or str(values[name]) == str(values[sku]):
            return "{" + sku + ":sku}"
        return found.group(0)

    return _NAME_BESIDE_SKU[language].sub(fit, template)


#: The words before a day said as a tied list, as they read for several days: "The busiest day was" →
#: "The busiest days were", "the quietest was" → "the quietest were"; 访客最多的一天是 → 访客最多的日子是.
_DAYS_WORDS = {"en": ((re.compile(r"\bday was $"), "days were "), (re.compile(r"\bday is $"), "days are "),
                      (re.compile(r"\b(was) $"), "were ")),
               "zh": ((re.compile(r"一天是$"), "日子是"),)}


def _several_days(value: Any) -> bool:
    """True for a list of two days and more (a ``{…:date}`` of days tied for a place)."""
    if not isinstance(value, list | tuple | pd.Series | pd.Index):
        return False
    return len({pd.Timestamp(d).normalize() for d in value if not is_missing(d)}) > 1


def agree_with_days(template: str, values: dict[str, Any], language: str) -> str:
    """The template with the words before a list of tied days (``{…:date}`` of several days) in
    the plural: "The busiest days were 28 and 29 Nov, tied", not "The busiest day was …"; in
    Chinese 访客最多的日子是…（并列）, not 一天是 (one day).

    >>> agree_with_days("The busiest day was {d:date}; the quietest was {q:date}.",
    ...                 {"d": ["2025-11-28", "2025-11-29"], "q": ["2025-11-03"]}, "en")
    'The busiest days were {d:date}; the quietest was {q:date}.'
    >>> agree_with_days("访客最多的一天是{d:date}", {"d": ["2025-11-28", "2025-11-29"]}, "zh")
    '访客最多的日子是{d:date}'
    """
    if ":date}" not in template:  # every sentence of a page comes through here: most name no day
        return template
    out = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        literal = literal.replace("{", "{{").replace("}", "}}")
        if name is not None and spec == "date" and _several_days(values.get(name)):
            for pattern, plural in _DAYS_WORDS[language]:
                literal, done = pattern.subn(plural, literal)
                if done:
                    break
        out.append(literal)
        if name is not None:
            out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)


def fit_template(template: str, values: dict[str, Any], language: str) -> str:
    """The template as its values make it: unknown comparisons left out
    (:func:`drop_unknown_comparisons`), a product without a name of its own named once by its SKU
    (:func:`drop_name_repeated`), the words before a list of tied days in the plural
    (:func:`agree_with_days`) and, in English, each counted noun agreeing with its
    count (:func:`agree_with_count`: "1 province", "1 order was", "2 cohorts")."""
    template = drop_name_repeated(drop_unknown_comparisons(template, values, language), values, language)
    template = agree_with_days(template, values, language)
    if language != "en":
        return template
    out, count = [], None
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if count is not None:
            literal = agree_with_count(literal, count == 1)
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        count = None
        if name is not None:
            out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
            if name in values and _is_count(spec or "", values[name]):
                count = float(values[name])
    return "".join(out)


def placeholders(template: str) -> set[str]:
    """The field names a template uses (to check both languages ask for the same values)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def check_catalogue() -> list[str]:
    """Problems of the catalogue: a language missing or empty, placeholders that differ.

    Returns:
        One line per problem; empty when the catalogue is complete.
    """
    problems = []
    for key, entry in CATALOGUE.items():
        if not _KEY.match(key):
            problems.append(f"{key}: not a catalogue key (lower-case words joined by dots)")
        for lang in LANGUAGES:
            if lang not in entry:
                problems.append(f"{key}: no {lang} text")
        if set(entry) == set(LANGUAGES) and placeholders(entry["en"]) != placeholders(entry["zh"]):
            problems.append(f"{key}: en and zh use different placeholders")
        if key != "event.none" and any(not entry.get(lang) for lang in LANGUAGES):
            problems.append(f"{key}: empty text")
    return problems




