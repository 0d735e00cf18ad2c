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
``count``      ``12,345``                            ``12,345``
``money``      ``¥12,345``                           ``¥12,345``
``money2``     ``¥12.35``                            ``¥12.35``
``pct``        ``3.4%``                              ``3.4%``
``change``     ``up 3.4%`` / ``down 3.4%`` / ``flat``  ``增长3.4%`` / ``下降3.4%`` / ``持平``
``signed``     ``+3.4%``                             ``+3.4%``
``pp``         ``+0.3 pp``                           ``+0.3个百分点``
``date``       ``14 Oct``                            ``10月14日``
``platform``   ``Tmall``                             ``天猫`` (any ``<kind>`` of the catalogue)
=============  ====================================  ==========================

A missing value (None, NaN) renders as ``n/a`` / ``无``.

Example:
    >>> t = Text("zh")
    >>> t("metric.conversion_rate")
    '支付转化率'
    >>> Text("en").format("{v:change} on {p:platform}", v=-0.034, p="jd")
    'down 3.4% on JD'
"""

from __future__ import annotations

import contextvars
import math
import re
import string
from datetime import date
from typing import Any

import pandas as pd

from storebook.errors import StorebookError
from storebook.measures.metrics import catalogue_labels
from storebook.report import catalogue

LANGUAGES: tuple[str, ...] = ("en", "zh")

#: Changes smaller than this (relative, or in rate points for ``pp``) read as "flat".
FLAT_BELOW = 0.0005

_L = dict[str, str]


#: Every heading, sentence and name, by key (``traffic.daily.title``): the files of
#: storebook/report/catalogue, and the metric registry's names (storebook.measures.metrics).
CATALOGUE: dict[str, _L] = {**catalogue.load(), **catalogue_labels()}

_KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


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


#: The store's currency (ISO 4217) for every amount shown: set once per report page and pack
#: from the store's identity (:func:`use_currency`); the sample store's CNY by default.
_CURRENCY: contextvars.ContextVar[str] = contextvars.ContextVar("storebook_currency", default="CNY")
#: How the department writes the currencies it meets; others as babel writes them (en).
_SYMBOLS = {"CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "JP¥", "HKD": "HK$",
            "TWD": "NT$", "KRW": "₩", "INR": "₹", "CLP": "CLP$", "BRL": "R$", "CAD": "CA$", "AUD": "A$"}


def use_currency(code: str) -> None:
    """Show every amount from here on in ``code`` (``EUR`` → €12,345)."""
    _CURRENCY.set((code or "CNY").upper())


def currency_symbol(code: str | None = None) -> str:
    """The symbol written before an amount: ``currency_symbol("EUR")`` → ``€``.

    >>> currency_symbol("CNY"), currency_symbol("EUR"), currency_symbol("CHF")
    ('¥', '€', 'CHF\xa0')
    """
    code = (code or _CURRENCY.get()).upper()
    if code in _SYMBOLS:
        return _SYMBOLS[code]
    try:
        from babel.numbers import get_currency_symbol

        symbol = get_currency_symbol(code, locale="en")
    except Exception:  # noqa: BLE001 - babel missing or an unknown code: the code itself
        symbol = code
    return symbol if symbol != code else code + "\xa0"


def format_money(value: float, decimals: int = 0) -> str:
    """Money as the department writes it, the sign before the currency (the store's).

    >>> format_money(1234.5), format_money(-62829.4), format_money(-0.4)
    ('¥1,234', '−¥62,829', '¥0')
    """
    text = f"{abs(value):,.{decimals}f}"
    negative = value < 0 and any(ch not in "0.," for ch in text)
    return ("−" if negative else "") + currency_symbol() + text


def unsigned_zero(text: str) -> str:
    """A formatted number without the minus of a value that rounds to zero.

    >>> unsigned_zero("-0"), unsigned_zero("-0.00"), unsigned_zero("-0.0%"), unsigned_zero("-0.3")
    ('0', '0.00', '0.0%', '-0.3')
    """
    return text[1:] if text.startswith("-") and not text.strip("-0.,%") else text


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float | int) and math.isnan(value))
    except TypeError:
        return False


class _Formatter(string.Formatter):
    """``str.format`` with the house specs (see the module docstring)."""

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def format_field(self, value: Any, spec: str) -> str:
        t = self.text
        if spec == "event_suffix":  # " (Double 11)" after a day, or nothing
            if _missing(value) or value in ("", "none"):
                return ""
            label = t(f"event.{value}")
            return f" ({label})" if t.language == "en" else f"（{label}）"
        if spec in ("platform", "channel", "device", "metric", "event", "driver", "step", "stage",
                    "verdict", "buyer_type", "effect_kind", "col", "segment", "category", "reason", "status", "dimension"):
            return t.na if _missing(value) else t(f"{spec}.{value}")
        if spec == "key":
            return t.na if _missing(value) else t(str(value))
        if spec == "date":
            return t.na if _missing(value) else t.date(value)
        if spec in ("count", "money", "money2", "pct", "signed", "change", "pp", "ratio"):
            return t.number(value, spec)
        if _missing(value):
            return t.na
        return super().format_field(value, spec)


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
            return self._formatter.format(template, **values)
        except (KeyError, IndexError) as exc:
            needed = ", ".join(sorted(placeholders(template) - set(values)))
            raise TextError(f"text '{key}' needs the value(s) {needed or exc}") from None

    def has(self, key: str) -> bool:
        """True when the catalogue holds ``key``."""
        return key in CATALOGUE

    def format(self, template: str, **values: Any) -> str:
        """Fill a template with the house specs (for tests and catalogue checks)."""
        return self._formatter.format(template, **values)

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
    def number(self, value: Any, spec: str) -> str:
        """A number in one of the house specs (``count``, ``money``, ``pct``, ``change``, ``pp`` …)."""
        if _missing(value):
            return self.na
        v = float(value)
        # A value that rounds to zero is 0, never "-0".
        if spec == "count":
            return unsigned_zero(f"{v:,.0f}")
        if spec == "money":
            return format_money(v)
        if spec == "money2":
            return format_money(v, 2)
        if spec == "ratio":
            return unsigned_zero(f"{v:,.2f}")
        if spec == "pct":
            return unsigned_zero(f"{v:.1%}")
        if spec == "signed":
            return f"{v:+.1%}"
        if spec == "change":
            if abs(v) < FLAT_BELOW:
                return self("word.flat")
            word = "word.up" if v > 0 else "word.down"
            return CATALOGUE[word][self.language].format(f"{abs(v):.1%}")
        if spec == "pp":
            points = f"{v * 100:+.2f}".replace("+0.00", "±0.00").replace("-0.00", "±0.00")
            return CATALOGUE["word.pp"][self.language].format(points)
        raise TextError(f"unknown number spec '{spec}'")

    def date(self, value: Any) -> str:
        day = pd.Timestamp(value) if not isinstance(value, date) else pd.Timestamp(value)
        if self.language == "zh":
            return f"{day.month}月{day.day}日"
        return f"{day.day} {day:%b}"

    def join(self, items: list[str]) -> str:
        """A list in the language: ``Tmall, JD and Douyin`` / ``天猫、京东、抖音``."""
        items = list(items)
        if self.language == "zh" or len(items) < 3:
            return self("word.and").join(items)
        return ", ".join(items[:-1]) + self("word.and") + items[-1]


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




