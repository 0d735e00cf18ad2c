"""The text catalogue's data, one file per report (and the shared vocabulary): every
heading, sentence and name a report shows, in English and 中文. :mod:`storebook.report.text`
assembles them into ``CATALOGUE`` and formats them; a new report's words go in a new file
here, found without further wiring.
"""

from __future__ import annotations

import importlib
import pkgutil

#: An entry: the text in each report language.
Entry = dict[str, str]
#: The languages every entry is written in (what ``--lang`` and a notebook's ``language`` accept);
#: here rather than in storebook.report.text so that the command line names them without its imports.
LANGUAGES: tuple[str, ...] = ("en", "zh")


def entry(en: str, zh: str) -> Entry:
    """One catalogue entry: the English and the Chinese text."""
    return {"en": en, "zh": zh}


def files() -> list[str]:
    """The catalogue's files: every module of this package (a new report's file needs no
    line here), the shared vocabulary first."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return sorted(names, key=lambda n: n != "vocabulary")


def load() -> dict[str, Entry]:
    """Every file's entries.

    Raises:
        ValueError: a key is in two files (one would silently replace the other).
    """
    merged: dict[str, Entry] = {}
    for name in files():
        entries = importlib.import_module(f"storebook.report.catalogue.{name}").ENTRIES
        twice = merged.keys() & entries.keys()
        if twice:
            raise ValueError(f"catalogue keys in two files ({name}.py and an earlier one): {sorted(twice)[:5]}")
        merged.update(entries)
    return merged
