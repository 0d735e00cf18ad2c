"""One number style for the whole pack: amounts, counts, rates and changes, in English and 中文.

The rules (every card, table and sentence of the pack follows them):

- **English** writes full digits with thousands separators everywhere: ``¥1,070,486``,
  ``12,345`` (cards, tables and sentences alike).
- **中文** writes 万 and 亿 (by babel, the locale library) for an amount or a count of
  10,000 and more on the cards of the index and of the pages and in sentences: ``¥107万``,
  ``1.07亿``, ``29.5万``, ``4.99万``; at least three significant digits (two decimals below
  10万 and in 亿, one from 10万), trailing zeros dropped as the locale does. Tables keep full digits (``¥1,070,486``), so that a column reads digit by
  digit as in 生意参谋.
- One minus sign, U+2212, before the currency: ``−¥8.4万``, ``−48.7%``; nothing is ever
  written ``−0`` or ``-0``.
- A share, and a ratio in percent, reads the same on its card, in its table, in its sentence and
  on its chart (:func:`format_share`): one decimal from 10% (34.2%), two below (3.42%); none is
  ``0%``, a figure too small for two decimals ``<0.01%`` (never ``0.00%``), a share short of all
  never ``100.0%`` (``99.99%``, ``>99.99%``).
- A change is written as the metric registry says (:func:`storebook.measures.metrics.format_change`:
  relative percent for amounts and counts, percentage points for rates) and coloured by
  :func:`storebook.measures.metrics.change_tone` alone, through the markup of
  :func:`change_html` (``class="chg tone-good"``, ``data-metric``, ``data-sign``); the
  colours of ``.tone-good`` / ``.tone-bad`` / ``.tone-neutral`` are in the pack's
  stylesheet (templates/report/house.css) and nowhere else.

Example:
    >>> format_number(1070486, "money", "zh", compact=True), format_number(1070486, "money", "en", compact=True)
    ('¥107万', '¥1,070,486')
    >>> format_metric("roi", -0.487), format_number(-0.4, "count", "en")
    ('−48.7%', '0')
"""

from __future__ import annotations

import contextvars
import functools
import html
import math
import re
from pathlib import Path
from typing import Any

from storebook.measures.metrics import (
    MINUS,
    change_tone,
    find_metric,
    format_change,
    format_points,
    in_points,
    metric,
    value_tone,
)

#: From here on a Chinese amount or count is written with 万 (and from 1亿 with 亿).
COMPACT_FROM = 10_000
#: The arrow before a change; the arrow carries the direction, so colour is never the only cue.
ARROWS = {"+": "▲", "-": "▼", "0": ""}
_BABEL_LOCALE = {"en": "en", "zh": "zh_CN"}

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
    ('¥', '€', 'CHF\\xa0')
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


#: The pack's stylesheet: the one place of the tones' colours.
HOUSE_CSS = Path(__file__).parent / "templates" / "report" / "house.css"
_TONE_VARIABLES = {"good": "--good", "bad": "--bad", "neutral": "--muted"}


@functools.cache
def tone_colours() -> dict[str, str]:
    """The colour of each tone (``good``, ``bad``, ``neutral``) as the pack's stylesheet
    defines it, for what cannot use the stylesheet's classes (the charts).

    >>> sorted(tone_colours())
    ['bad', 'good', 'neutral']
    """
    return {tone: house_colour(variable) for tone, variable in _TONE_VARIABLES.items()}


def house_colour(variable: str) -> str:
    """A colour of the pack's stylesheet by its custom property, for what cannot read the
    stylesheet (charts, the PDF's running header).

    >>> house_colour("--muted") == tone_colours()["neutral"]  # the muted ink is the neutral tone
    True
    """
    found = re.search(re.escape(variable) + r"\s*:\s*(#[0-9a-fA-F]{6})", HOUSE_CSS.read_text(encoding="utf-8"))
    if found is None:
        raise ValueError(f"{HOUSE_CSS}: no colour {variable}")
    return found.group(1)


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, str):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) or math.isinf(v) else v


def _signed(magnitude: str, negative: bool) -> str:
    """The minus before a magnitude, unless the magnitude as written is zero (no −0)."""
    return (MINUS if negative and any(ch in "123456789" for ch in magnitude) else "") + magnitude


def compact_zh(value: float) -> str:
    """A magnitude of 10,000 or more in 万/亿, as babel writes it for zh_CN (no sign).

    >>> compact_zh(12345), compact_zh(49927), compact_zh(295000), compact_zh(1070486), compact_zh(1.0749e8)
    ('1.23万', '4.99万', '29.5万', '107万', '1.07亿')
    """
    from babel.numbers import format_compact_decimal

    magnitude = abs(float(value))
    # At least three significant digits: 4.99万 (not 5万 for 49,927), 29.5万, 107万, 1.07亿;
    # babel moves 9999.96万 on to 1亿 itself when it rounds.
    digits = 2 if magnitude < 1e5 or magnitude >= 1e8 else 1
    return format_compact_decimal(magnitude, format_type="short", locale=_BABEL_LOCALE["zh"],
                                  fraction_digits=digits)


def _digits(magnitude: float, decimals: int, language: str, compact: bool) -> str:
    if compact and language == "zh" and round(magnitude, decimals) >= COMPACT_FROM:
        return compact_zh(round(magnitude, decimals))
    return f"{magnitude:,.{decimals}f}"


def format_money(value: float, decimals: int = 0, language: str = "en", compact: bool = False) -> str:
    """Money as the department writes it, the sign before the store's currency symbol.

    Args:
        value: the amount.
        decimals: 0, or 2 for per-buyer and per-visitor amounts.
        language: ``en`` or ``zh``.
        compact: 万/亿 in Chinese (cards and sentences; tables keep full digits).

    >>> format_money(1234.5), format_money(-62829.4), format_money(-0.4), format_money(-84000, language="zh", compact=True)
    ('¥1,234', '−¥62,829', '¥0', '−¥8.4万')
    """
    return _signed(currency_symbol() + _digits(abs(value), decimals, language, compact), value < 0)


#: Below this a figure in percent takes two decimals (3.42%), from it one (34.2%): the one rule of
#: a share and of a ratio in percent, on a card, in a table, in a sentence and on a chart alike.
TWO_DECIMALS_BELOW = 0.1
#: A figure in percent smaller than this is none (float arithmetic's remainder, never a store's
#: share: one row in a billion), written 0%, not "<0.01%".
ZERO_BELOW = 1e-9


def format_share(value: float, bounded: bool = True) -> str:
    """A share (``bounded``) or a ratio in percent, as the whole pack writes it: the same figure
    reads the same on its card, in its table, in its sentence and on its chart.

    - One decimal from 10% (34.2%), two below (3.42%): a table's small share is 0.07% as on its
      card, not 0.1% (a page said 0.1% in its table and 0.07% on its card).
    - None is ``0%``; a figure that is not zero is never written as zero: ``<0.01%`` (``−<0.01%``
      below zero) where two decimals would read 0.00% (a reader takes "0.00%" for none).
    - A share (``bounded``) short of all is never written as all: two decimals where one would
      read 100.0% (36,078 of 36,081 rows kept: 99.99%), ``>99.99%`` where two would still.
      A ratio that is no share of a whole (price realisation, ROI, marketing spend ÷ sales: it
      may pass 100%) rounds to 100.0% like any number.
    - One minus sign (U+2212), never on a zero.

    >>> [format_share(v) for v in (0.5, 0.0275, 36078 / 36081, 0.00004, 0.99999, 0.0, 1.0, -0.00004)]
    ['50.0%', '2.75%', '99.99%', '<0.01%', '>99.99%', '0%', '100.0%', '−<0.01%']
    >>> format_share(1 - 1.0000000000000002)
    '0%'
    >>> [format_share(v, bounded=False) for v in (0.99996, 1.032, 0.0512, 0.00004, 0.09999)]
    ['100.0%', '103.2%', '5.12%', '<0.01%', '10.0%']
    """
    if abs(value) < ZERO_BELOW:  # none, or a none that float arithmetic left (1 − 1.0000000000000002)
        return "0%"
    m = abs(value)
    # the decimals of the figure as rounded: 9.999% is 10.0%, as 10% is, not 10.00%
    decimals = 1 if round(m * 100, 2) >= TWO_DECIMALS_BELOW * 100 else 2
    text = f"{m * 100:.{decimals}f}%"
    if bounded and 0 < value < 1 and text == f"{100:.{decimals}f}%":
        text = f"{m * 100:.2f}%"
        return ">99.99%" if text == "100.00%" else text
    if not any(ch in "123456789" for ch in text):  # not zero, but too small for two decimals
        text = "<0.01%"
    return _signed(text, value < 0)


def format_number(value: Any, spec: str, language: str = "en", *, compact: bool = False) -> str | None:
    """A number in a house spec, or None when missing (the caller writes its n/a).

    Specs: ``count`` (12,345), ``money`` (¥12,345), ``money2`` (¥12.35), ``pct`` (a share of a whole:
    34.2%, 3.42%; 99.99%, not 100.0%, for a share short of all; :func:`format_share`), ``pct2`` (the
    same: a card's old name of it), ``percent`` (a ratio written in percent that is no share of a
    whole and may pass 100%: price realisation 103.2%, 100.0% for 99.996%), ``ratio``
    (1.03), ``number`` (3.4, one decimal), ``number2`` (3.42), ``days`` (3.2 days / 3.2天),
    ``duration`` / ``duration_h`` (a length of time given in minutes / hours, said in the unit it
    reads in: 45 minutes, 5.2 hours, 2.1 days; :func:`_duration`), ``signed`` (+3.4%).

    >>> [format_number(v, "pct") for v in (0.034, -0.487, -0.00001, 0.0)]
    ['3.40%', '−48.7%', '−<0.01%', '0%']

    A share between none and all is not rounded to either (:func:`format_share`); exactly all is 100.0%:

    >>> [format_number(v, s) for v in (36078 / 36081, 1.0, 0.0003) for s in ("pct", "pct2")]
    ['99.99%', '99.99%', '100.0%', '100.0%', '0.03%', '0.03%']
    >>> format_number(295000, "count", "zh", compact=True), format_number(-0.4, "count")
    ('29.5万', '0')

    A share reads the same on a page's cards and in its sentences (``compact``) and in its tables
    (not ``compact``): the 30-day repeat rate 0.07% on the card is 0.07% in the sentence beside it
    and in the table below, not 0.1%.

    >>> format_number(0.0007, "pct", compact=True), format_number(0.0275, "pct", compact=True), format_number(0.0007, "pct")
    ('0.07%', '2.75%', '0.07%')
    >>> [format_number(v, "percent") for v in (0.99996, 1.032, -0.487, 0.0512)]
    ['100.0%', '103.2%', '−48.7%', '5.12%']
    """
    v = _number(value)
    if v is None:
        return None
    negative = v < 0
    m = abs(v)
    if spec == "count":
        return _signed(_digits(m, 0, language, compact), negative)
    if spec == "money":
        return format_money(v, 0, language, compact)
    if spec == "money2":
        return format_money(v, 2, language)
    if spec in ("pct", "pct2"):  # a share: one rule on a card, in a table and in a sentence
        return format_share(v)
    if spec == "percent":  # no share of a whole: 99.996% of list price is 100.0%, 103.2% is possible
        return format_share(v, bounded=False)
    if spec == "signed":
        text = f"{m * 100:.1f}%"
        return _signed(text, negative) if negative or text == "0.0%" else "+" + text
    if spec == "ratio" or spec == "number2":
        return _signed(f"{m:,.2f}", negative)
    if spec == "number":
        return _signed(f"{m:,.1f}", negative)
    if spec == "days":
        return _signed(f"{m:,.1f}", negative) + ("天" if language == "zh" else "\u00a0days")
    if spec in ("duration", "duration_h"):
        return _signed(_duration(m * 60 if spec == "duration_h" else m, language), negative)
    raise ValueError(f"unknown number spec '{spec}'")


#: A duration is said in minutes below this many minutes (2 hours), in hours below 2 days, else in days.
_MINUTES_BELOW, _HOURS_BELOW = 120, 48 * 60


def _duration(minutes: float, language: str) -> str:
    """A length of time in the unit it reads in: minutes under 2 hours, hours under 2 days, else
    days (a first reply of 3,024 minutes read in thousands of minutes: "2.1 days").

    >>> _duration(45, "en"), _duration(3.5, "en"), _duration(150, "en"), _duration(3024, "en")
    ('45\xa0minutes', '3.5\xa0minutes', '2.5\xa0hours', '2.1\xa0days')
    >>> _duration(45, "zh"), _duration(150, "zh"), _duration(3024, "zh"), _duration(1, "en")
    ('45分钟', '2.5小时', '2.1天', '1\xa0minute')
    """
    if minutes < _MINUTES_BELOW:
        # whole minutes from 10 on; below, a tenth (a median of 1.5 minutes is not "2")
        number, unit = (f"{minutes:,.0f}" if minutes >= 10 else f"{minutes:.1f}".removesuffix(".0")), "minute"
    elif minutes < _HOURS_BELOW:
        number, unit = f"{minutes / 60:.1f}", "hour"
    else:
        number, unit = f"{minutes / 1440:,.1f}", "day"
    if language == "zh":
        return number + {"minute": "分钟", "hour": "小时", "day": "天"}[unit]
    return f"{number}\u00a0{unit}" + ("" if number == "1" else "s")


#: The registry's display formats as number specs (a card shows a small rate to 0.01%).
_DISPLAY_SPEC = {"count": "count", "money": "money", "money2": "money2", "pct": "pct2", "percent": "percent",
                 "ratio": "ratio",
                 "days": "days", "number": "number2", "minutes": "duration"}
#: The units a headline record may state for a name the registry does not know.
_UNIT_SPEC = {"count": "count", "cny": "money", "rmb": "money", "money": "money", "ratio": "pct2",
              "multiple": "ratio", "score": "ratio", "index": "ratio", "days": "days", "per_1000": "number2",
              "minutes": "duration"}


def metric_spec(key: str | None, unit: str | None = None) -> str:
    """The spec a metric's value is shown in on a card: the registry's display format, else
    the record's unit (a plain number with two decimals when neither says)."""
    found = find_metric(key)
    if found:
        return _DISPLAY_SPEC[metric(found).display]
    return _UNIT_SPEC.get((unit or "").lower(), "number2")


def format_metric(key: str | None, value: Any, language: str = "en", unit: str | None = None) -> str:
    """A metric's value as a card shows it (the index and the pages alike): the registry's
    format, 万/亿 in Chinese, ``–`` when missing.

    >>> format_metric("paid_amount", 1070486, "zh"), format_metric("paid_amount", 1070486, "en")
    ('¥107万', '¥1,070,486')
    >>> format_metric("refund_rate", 0.0292), format_metric("median_delivery_days", 3.25, "zh")
    ('2.92%', '3.2天')
    """
    text = format_number(value, metric_spec(key, unit), language, compact=True)
    return "–" if text is None else text


def value_html(key: str | None, value: Any, language: str = "en", unit: str | None = None) -> str:
    """A card's value; a value below break-even (ROI −48.7%) carries ``class="val tone-bad"``.

    >>> value_html("roi", -0.487)
    '<span class="val tone-bad" data-metric="roi">−48.7%</span>'
    """
    return mark_value(key, value, html.escape(format_metric(key, value, language, unit)))


def mark_value(key: str | None, value: Any, shown: str) -> str:
    """``shown`` (a value already written, HTML) in the tone of the value: a loss below
    break-even in ``class="val tone-bad"``; otherwise as it is."""
    tone = value_tone(key, value)
    if not tone:
        return shown
    return f'<span class="val tone-{tone}" data-metric="{find_metric(key)}">{shown}</span>'


def change_html(key: str | None, change: Any, language: str = "en", missing: str = "–",
                shown: str | None = None) -> str:
    """A change with the pack's markup: arrow, the registry's format, the tone's class.

    Args:
        key: the metric the change is of (a registry key or alias; another name: neutral,
            and no ``data-metric``).
        change: as :func:`storebook.measures.metrics.shown_change` gives it.
        language: ``en`` or ``zh``.
        missing: what a missing change shows.
        shown: ``relative`` or ``points`` where the change is known to be one (a table's
            column); None: as the registry says for ``key``.

    Returns:
        ``<span class="chg tone-good" data-metric="refund_rate" data-sign="-">▼ −0.97 pp</span>``;
        for a missing change ``<span class="chg-none">–</span>`` (nothing to colour).

    >>> change_html("late_rate", -0.0123)
    '<span class="chg tone-good" data-metric="late_rate" data-sign="-">▼&nbsp;−1.23&nbsp;pp</span>'
    >>> change_html("campaign", 0.2)
    '<span class="chg tone-neutral" data-sign="+">▲&nbsp;+20.0%</span>'
    """
    as_points = in_points(key) if shown is None else shown == "points"
    c = _number(change)
    if c is None:
        return f'<span class="chg-none">{html.escape(missing)}</span>'
    written = format_points(c, language) if as_points else format_change(None, c, language)
    sign = "0" if not any(ch in "123456789" for ch in written) else ("+" if c > 0 else "-")
    tone = "neutral" if sign == "0" else change_tone(key, c)
    found = find_metric(key)
    arrow = ARROWS[sign]
    text = html.escape(written).replace("\u00a0", "&nbsp;")
    attribute = f' data-metric="{found}"' if found else ""
    return (f'<span class="chg tone-{tone}"{attribute} data-sign="{sign}">'
            f'{f"{arrow}&nbsp;" if arrow else ""}{text}</span>')
