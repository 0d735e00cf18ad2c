"""Ingest's own words said in the reader's language: rejection reasons, folded lines, notes.

Ingest records what it did in English (``_rejected/``, ``_ingest.json``): the processed tables
keep ingest's words, and whoever shows them (the data-quality page, the ingest summary,
``storebook rejected``) says them through the functions here, with the message catalogue it is
given (``text``: a :class:`storebook.report.text.Text`, passed in because ingest imports no
report layer). One rule each, so that the page and the console never say them differently.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

#: The commonest forms of a rejection reason, as ingest writes them in English (storebook.ingest:
#: parsing, frames, crossfile, the mapping language), each with the catalogue key
#: (``data_quality.reason.*``) that says it in the reader's language. A reason is matched whole,
#: as ingest recorded it or as :func:`storebook.ingest.rejects.reason_kind` shortens it
#: (``sku=…``, ``row …``). The named parts are the data's own (columns, files, keys, the bad
#: value) and are shown as they are.
_ANY = r"[^']*"
_UNREAD_CURRENCY = (rf"'(?P<column>{_ANY})' = '(?P<value>.*)' is not a currency code \(ISO (?:4217|…), such as "
                    r"USD, EUR or CNY, or an empty cell\): the row's amounts are in a currency storebook cannot tell, and "
                    r"would be summed as another's; write the code in the export's column")
# (ISO …: the reason as reason_kind shortens it, its digits taken for a row's own.)
#: A sign that several currencies write (¥, $, Rs): identity.unread_currency_reason names its codes.
_SEVERAL_CURRENCIES = (rf"'(?P<column>{_ANY})' = '(?P<value>.*)' is written for several currencies \((?P<codes>[^)]*)\) "
                       r"and names none of them: the row's amounts would be summed as another's; write the shop's code "
                       r"in the export's column")
REASON_FORMS: list[tuple[str, re.Pattern[str]]] = [(key, re.compile(pattern, re.S)) for key, pattern in [
    ("required", rf"column '(?P<column>{_ANY})' is empty; a value is required"),
    ("spreadsheet_error", rf"'(?P<column>{_ANY})' is (?P<value>.+?), a spreadsheet error \((?P<why>[^)]*)\), not a value; "
                          r"fix the formula in the export, or leave the cell empty where the value is unknown"),
    ("duplicate", r"duplicate key \((?P<keys>.*)\); first seen in (?P<file>.+) row (?P<row>\S+)"),
    ("duplicate.most_on_hand", r"duplicate key \((?P<keys>.*)\); the row with the most stock on hand is kept: "
                               r"(?P<file>.+) row (?P<row>\S+)"),
    ("superseded", r"superseded: (?P<by>\w+)=(?P<value>.*) is also in the newer export (?P<file>.+) "
                   r"\(as of (?P<version>[^)]*)\); the newest export wins"),
    ("not_date", rf"'(?P<column>{_ANY})' is not a date \((?P<format>[^)]*)\)"),
    ("date_range", rf"'(?P<column>{_ANY})' is out of range: a date from (?P<first>\S+) to (?P<last>\S+) is expected; "
                   rf"where the export writes such a date for '(?P<none>{_ANY})', leave the cell empty"),
    ("future", rf"'(?P<column>{_ANY})' is in the future \(after the time of the ingest, in the store's time zone\); "
               r"the row is checked again at every ingest"),
    ("not_number", rf"'(?P<column>{_ANY})' is not a number"),
    ("not_whole_number", rf"'(?P<column>{_ANY})' is not a whole number"),
    ("not_finite", rf"'(?P<column>{_ANY})' is not a finite number \(infinity and NaN are not amounts or counts\)"),
    ("whole_out_of_range", rf"'(?P<column>{_ANY})' is out of range: beyond the largest whole number \((?P<limit>[^)]*)\)"),
    ("number_out_of_range", rf"'(?P<column>{_ANY})' is out of range: beyond the largest number \(about (?P<limit>[^)]*)\)"),
    ("decimal_comma", rf"'(?P<column>{_ANY})' is not a number in this file's format: it has a decimal comma, the "
                      r"file's numbers have a decimal point"),
    ("decimal_point", rf"'(?P<column>{_ANY})' is not a number in this file's format: it has a decimal point, the "
                      r"file's numbers have a decimal comma"),
    ("not_bool", rf"'(?P<column>{_ANY})' is not true/false"),
    ("not_configured", rf"'(?P<value>{_ANY})' is not one of the workbook's (?P<setting>\w+) \((?P<allowed>[^)]*)\): add "
                       rf"'{_ANY}' to \[store\]\.\w+ in storebook\.toml if it is right"),
    ("not_accepted", r"'(?P<value>.*)' is not an accepted value \((?P<allowed>.*)\)"),
    ("out_of_range", r"(?P<value>\S+) is out of range \((?P<check>[^)]*)\)"),
    ("no_match", rf"'(?P<column>{_ANY})' has no match in (?P<ref>\S+): the (?P<ref_table>\w+) row is not in the data "
                 r"or was rejected \(see (?P<path>[^)]*)\)"),
    ("mapped", rf"'(?P<column>{_ANY})' = '(?P<value>.*)' in (?P<file>.+) row (?P<row>\S+) is not (?P<expected>.+?) "
               rf"\(`inputs: (?P<input>[^`]*)` of source '(?P<source>{_ANY})' in (?P<declared_in>.+)\)"),
    # storebook.engine.identity.unread_currency_reason: a Shopify export's, a custom source's (.mapped).
    *((key, _UNREAD_CURRENCY + tail) for key, tail in (
        ("currency.mapped", r", or map the spelling to its code with `currency\.values` in (?P<declared_in>.+)"),
        ("currency", ""))),
    *((key, _SEVERAL_CURRENCIES + tail) for key, tail in (
        ("currency.several.mapped", r", or map the sign to it in (?P<declared_in>.+): `currency: \{column: (?P=column), "
                                    r"values: \{'(?P=value)': (?P<code>\w+)\}\}` \(with the shop's code in place of (?P=code)\)"),
        ("currency.several", ""))),
]]
#: The words of a part that the page says in its language too: a spreadsheet error's meaning
#: (storebook.ingest.parsing.EXCEL_ERRORS) and what a mapped input was expected to be.
_REASON_PART_WORDS = {"why": "data_quality.reason.spreadsheet_error.", "expected": "data_quality.reason.expected."}
#: The forms whose ``column`` is the export's own header (a mapped input: `inputs: price`), not a
#: column of the contract: kept as the export writes it, also where reader names are asked for.
_EXPORT_COLUMN_FORMS = {"mapped", "currency", "currency.mapped", "currency.several", "currency.several.mapped"}
#: A key's name in a ``keys`` part (``order_id=O2, line_no=1``): at its start or after a comma.
_KEY_NAME = re.compile(r"(?:^|(?<=, ))(\w+)(?==)")


class ReaderNames(Protocol):
    """How a page names the contract's columns and tables where a reason names them by code
    (the data-quality page: :func:`storebook.areas.quality.label_rejections`)."""

    def column(self, column: str, table: str | None = None) -> str:
        """A column of ``table`` (None: the rejected row's) by its reader name."""

    def table(self, table: str) -> str:
        """A canonical table by its reader name, as a sentence says it."""

    def field(self, table: str, column: str) -> str:
        """A column of another table (a reference: ``products.sku``) by its reader names."""


def _name_parts(key: str, values: dict[str, str], names: ReaderNames) -> dict[str, str]:
    """The parts of a reason that name the contract's columns and tables, by ``names``: the
    column (not a mapped input's: the export's header), a superseded row's key (``by``), the key
    names of a duplicate (``sku=…`` → ``SKU=…``), a reference (``products.sku``) and its table."""
    named = dict(values)
    if named.get("column") and key not in _EXPORT_COLUMN_FORMS:
        named["column"] = names.column(named["column"])
    if named.get("by"):
        named["by"] = names.column(named["by"])
    if named.get("keys"):
        named["keys"] = _KEY_NAME.sub(lambda m: names.column(m.group(1)), named["keys"])
    if named.get("ref") and "." in named["ref"]:
        named["ref"] = names.field(*named["ref"].split(".", 1))
    if named.get("ref_table"):
        named["ref_table"] = names.table(named["ref_table"])
    return named


def is_currency_reason(reason: str) -> bool:
    """Whether ``reason`` rejects a row for its currency cell (identity.unread_currency_reason, whole
    or as reason_kind shortens it).

    >>> is_currency_reason("'Currency' = '…' is written for several currencies (CNY, JPY) and names none of them: "
    ...                    "the row's amounts would be summed as another's; write the shop's code in the export's column")
    True
    >>> is_currency_reason("'Currency' is not a number")
    False
    """
    return any(key.startswith("currency") and pattern.fullmatch(str(reason)) for key, pattern in REASON_FORMS)


def say_reason(reason: str, text: Any, names: ReaderNames | None = None) -> str:
    """A rejection reason in ``text``'s language: one of the :data:`REASON_FORMS` said from the
    catalogue, with the row's own values as they are; any other reason (an adapter's own) as
    ingest wrote it. The data-quality page, the ingest summary and `storebook rejected` say
    reasons through this one function.

    ``names``: the contract's columns and tables said by their reader names (``'Paid amount' is
    not a number``), as the data-quality page says them; without it, by their codes, as the
    console does (`storebook rejected` and the ingest summary are an analyst's, beside the
    rejected rows' own ``column``).

    >>> from storebook.report.text import Text
    >>> say_reason("column 'sku' is empty; a value is required", Text("zh"))
    "字段 'sku' 为空；此字段必须有值"
    >>> say_reason("duplicate key (sku=…); first seen in data/raw/x/Sale Report.csv row …", Text("zh"))
    '重复的键（sku=…）；首次出现于 data/raw/x/Sale Report.csv 第 … 行'
    """
    reason = str(reason)
    for key, pattern in REASON_FORMS:
        found = pattern.fullmatch(reason)
        if found is None:
            continue
        values = found.groupdict()
        for part, prefix in _REASON_PART_WORDS.items():
            if part in values:
                said = text.key_said(prefix, values[part])
                if said is None:  # words of ingest's the catalogue does not have: the reason as written
                    return reason
                values[part] = text(said)
        if names is not None:
            values = _name_parts(key, values, names)
        return text(f"data_quality.reason.{key}", **values)
    return reason


#: The folded kind said when the catalogue has no words for a file's kind (``data_quality.folded.<kind>``).
FOLDED_FALLBACK = "continuation"


def folded_kind(kind: str, text: Any) -> str:
    """What a file's folded lines are, in words of ``text`` (the message catalogue:
    ``data_quality.folded.<kind>``).

    A kind the catalogue does not name (none recorded, or one a newer adapter or an older
    ``_ingest.json`` wrote) reads as continuation lines, which is what every folded line is by
    definition: the page and the summary exist to reconcile the file's lines with its rows, and
    a missing word must not stop that sentence (nor the data-quality section around it).

    >>> from storebook.report.text import Text
    >>> folded_kind("image_only", Text("en")), folded_kind("", Text("zh")), folded_kind("gift_wrap", Text("en"))
    ("image-only lines (a product's extra images)", '接续行', 'continuation lines')
    """
    key = f"data_quality.folded.{kind}"
    return text(key if kind and text.has(key) else f"data_quality.folded.{FOLDED_FALLBACK}")


class Note(str):
    """One of ingest's notes to the user (the time zone it chose, a file it did not read): the
    English sentence ingest records, which also knows its catalogue key and values, so that the
    summary says it in another language (:func:`say_note`). The English is ingest's; a test
    keeps the catalogue's English the same, word for word.
    """

    key: str
    values: dict[str, Any]

    def __new__(cls, english: str, key: str, **values: Any) -> Note:
        note = super().__new__(cls, english)
        note.key, note.values = key, values
        return note


def say_note(note: str, text: Any) -> str:
    """A note of ingest's in ``text``'s language; a plain sentence (a repair's) as it was written.

    >>> from storebook.report.text import Text
    >>> say_note(Note("not read: a.csv: an expense sheet (`not_read:` in storebook.sources.yaml)", "cli.ingest.note.not_read",
    ...               path="a.csv", why="an expense sheet", declared_in="storebook.sources.yaml"), Text("zh"))
    '未读取：a.csv：an expense sheet（按 storebook.sources.yaml 中的 `not_read:` 声明）'
    """
    if isinstance(note, Note) and text.has(note.key):
        return text(note.key, **note.values)
    return str(note)
