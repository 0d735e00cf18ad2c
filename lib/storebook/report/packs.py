"""The folders of the report packs: one per month and language, swapped in whole, one run at a time.

The layout under outputs/ (docs/storage.md)::

    outputs/2026-10/en/            index.html, <area>.html, <area>.ipynb, run.json
    outputs/2026-10/zh/            the same month in Chinese, beside it
    outputs/.locks/2026-10-en.lock held by the report of that month and language that is running

A pack is built in ``<month>/.<lang>.building-…`` and put in place by :func:`swap_in` only
once complete; a run stopped between its two renames leaves the old pack in
``<month>/.<lang>.previous-…``, which :func:`recover_interrupted_swap` puts back. The
index of each pack links the month's other languages (:func:`language_links`), kept up to
date when another language's pack appears (:func:`refresh_language_links`). A pack that
an older storebook wrote straight into ``<month>/`` is moved to ``<month>/<lang>/`` by
:func:`adopt_flat_pack`.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

from storebook.engine import locks
from storebook.errors import Said
from storebook.report.text import LANGUAGES

_MONTH_DIR = re.compile(r"^\d{4}-\d{2}$")
#: The folder of the report locks under outputs/ (one per month and language).
LOCKS_DIR = ".locks"
#: Each language's name as its own speakers write it (the language switch of an index).
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}
#: The switch's words in the language of the index it is in: its label, and "not built yet".
#: The switch's words and punctuation in each language: 中文 takes the full-width colon and brackets.
SWITCH_LABELS = {"en": ("Language: ", "(not built yet: ", ")"), "zh": ("语言：", "（尚未生成：", "）")}


def pack_dir(out_root: Path, month: str, lang: str) -> Path:
    """The folder of the pack of one month and language.

    Args:
        out_root: the outputs folder.
        month: ``YYYY-MM``.
        lang: ``en`` or ``zh``.
    Returns:
        ``<out_root>/<month>/<lang>``.
    """
    return out_root / month / lang


def lock_path(out_root: Path, month: str, lang: str | None = None) -> Path:
    """The lock of a month's pack in one language, or (``lang`` None) of the month folder as a whole.

    Args:
        out_root: the outputs folder.
        month: ``YYYY-MM``.
        lang: ``en``, ``zh``, or None.
    Returns:
        ``<out_root>/.locks/<month>-<lang>.lock`` (or ``<month>.lock``).
    """
    return out_root / LOCKS_DIR / (f"{month}-{lang}.lock" if lang else f"{month}.lock")


def lock_said(month: str, lang: str | None = None) -> Said:
    """The run that holds :func:`lock_path`, as a busy message names it in the reader's language
    ("report for 2026-10 (zh)", or the month's whole report)."""
    if lang:
        return Said("error.busy.what.report", {"month": month, "lang": lang})
    return Said("error.busy.what.report_month", {"month": month})


def month_links(out_root: Path, month: str, lang: str) -> list[dict[str, str | None]]:
    """The months with a pack in ``lang``, for the index of ``month`` in that language.

    A month still in the layout of an older storebook (the pack directly in ``<month>/``)
    is linked where it is.

    Args:
        out_root: the outputs folder.
        month: the index's own month (always listed, without a link).
        lang: the index's language.
    Returns:
        ``[{"label": "2026-10", "href": None}, {"label": "2026-09", "href": "../../2026-09/en/index.html"}, …]``,
        newest first.
    """
    found: dict[str, str | None] = {month: None}
    for folder in out_root.iterdir() if out_root.is_dir() else []:
        if not folder.is_dir() or not _MONTH_DIR.match(folder.name) or folder.name == month:
            continue
        if (folder / lang / "index.html").is_file():
            found[folder.name] = f"../../{folder.name}/{lang}/index.html"
        elif (folder / "index.html").is_file() and flat_pack_language(folder) == lang:
            found[folder.name] = f"../../{folder.name}/index.html"
    return [{"label": m, "href": found[m]} for m in sorted(found, reverse=True)]


_LANGUAGE_BLOCK = re.compile(r"<!--storebook:languages-->.*?<!--/storebook:languages-->", re.S)


def language_links(out_root: Path, month: str, lang: str) -> str:
    """The language switch of an index: this language, and a link to the month's pack in
    every other language (with the command that builds it, where it is not built yet).

    Args:
        out_root: the outputs folder.
        month: ``YYYY-MM``.
        lang: the language of the index it goes into.
    Returns:
        An HTML fragment, delimited by comments so that it can be brought up to date
        when another language's pack appears (:func:`refresh_language_links`).
    """
    label, opening, closing = SWITCH_LABELS[lang]
    items = []
    for other in LANGUAGES:
        name = html.escape(LANGUAGE_NAMES[other])
        if other == lang:
            items.append(f'<span class="current" lang="{other}">{name}</span>')
            continue
        link = f'<a href="../{other}/index.html" hreflang="{other}" lang="{other}">{name}</a>'
        if not (pack_dir(out_root, month, other) / "index.html").is_file():
            link += (f' <span class="not-built">{html.escape(opening)}'
                     f"<code>storebook report --month {month} --lang {other}</code>{html.escape(closing)}</span>")
        items.append(link)
    return (f'<!--storebook:languages--><p class="languages">{html.escape(label)}'
            + " · ".join(items) + "</p><!--/storebook:languages-->")


def refresh_language_links(out_root: Path, month: str, lang: str) -> None:
    """Once the ``lang`` pack is in place, bring the language switch of the month's packs in
    the other languages up to date: their ``index.html`` is replaced whole (os.replace).

    A pack whose own run holds its lock is left to that run, which renders its index
    after this pack appeared (unless it rendered it in the moment before: then its switch
    still offers the command that builds this pack, and its link works all the same).

    Args:
        out_root: the outputs folder.
        month: ``YYYY-MM``.
        lang: the language whose pack has just been put in place.
    """
    for other in LANGUAGES:
        index = pack_dir(out_root, month, other) / "index.html"
        if other == lang or not index.is_file():
            continue
        try:
            with locks.hold(lock_path(out_root, month, other), f"report for {month} ({other})",
                            said=lock_said(month, other)):
                text = index.read_text(encoding="utf-8")
                switch = language_links(out_root, month, other)
                updated = _LANGUAGE_BLOCK.sub(lambda _, switch=switch: switch, text, count=1)
                if updated != text:
                    tmp = index.with_name(f".index.html.{os.getpid()}.tmp")
                    tmp.write_text(updated, encoding="utf-8")
                    os.replace(tmp, index)
        except locks.BusyError:
            continue


def swap_in(building: Path, final: Path) -> None:
    """Put the finished pack in place of the old one: two renames, the old one removed last.

    Stopped between the renames, the old pack waits in ``.<lang>.previous-<pid>``, and the
    next run of that month and language puts it back before anything else.

    Args:
        building: the complete new pack.
        final: ``<month>/<lang>``, which it replaces.
    """
    previous = final.parent / f".{final.name}.previous-{os.getpid()}"
    locks.reached("pack-built")
    if final.exists():
        final.rename(previous)
        locks.reached("pack-old-moved")
    building.rename(final)
    locks.reached("pack-swapped")
    shutil.rmtree(previous, ignore_errors=True)


def recover_interrupted_swap(month_dir: Path, lang: str) -> None:
    """If a run died between the two renames of the swap, put the old pack back.

    Args:
        month_dir: ``<out_root>/<month>``.
        lang: the pack's language.
    """
    if (month_dir / lang).exists():
        return
    for previous in sorted(month_dir.glob(f".{lang}.previous-*")):
        previous.rename(month_dir / lang)
        return


def remove_stale_builds(month_dir: Path, lang: str) -> None:
    """Remove what stopped runs of this month and language left: half-built packs, and an
    old pack already replaced. Called with the pack's lock held, so none of it belongs to a
    running report.

    Args:
        month_dir: ``<out_root>/<month>``.
        lang: the pack's language.
    """
    for folder in month_dir.glob(f".{lang}.building-*"):
        shutil.rmtree(folder, ignore_errors=True)
    if (month_dir / lang).exists():
        for folder in month_dir.glob(f".{lang}.previous-*"):
            shutil.rmtree(folder, ignore_errors=True)


def flat_pack_language(folder: Path) -> str:
    """The language of a pack written by an older storebook straight into ``<month>/``.

    Args:
        folder: the folder holding the pack's files.
    Returns:
        The ``lang`` its run.json records; ``en`` (the default then) when it records none.
    """
    try:
        lang = json.loads((folder / "run.json").read_text(encoding="utf-8"))["parameters"]["lang"]
    except (OSError, ValueError, KeyError, TypeError):
        return "en"
    return lang if lang in LANGUAGES else "en"


def adopt_flat_pack(out_root: Path, month: str, wait: float) -> None:
    """Move a month's pack from the layout of an older storebook (``<month>/index.html`` …)
    into ``<month>/<lang>/``, where it stays the pack of its language until replaced; and
    finish what an older storebook's stopped run left (``.<month>.previous-*``, ``.building-*``).

    Resumable: the files go into ``<month>/.flat-<pid>`` first, which becomes
    ``<month>/<lang>`` last; a run stopped halfway is finished by the next. Done under
    the month's lock, as it touches every language's place.

    Args:
        out_root: the outputs folder.
        month: ``YYYY-MM``.
        wait: how long the caller may wait for a lock (the month's lock waits at least 30 s:
            it is held for a few renames at most).
    """
    def pending() -> bool:
        month_dir = out_root / month
        return (any(out_root.glob(f".{month}.previous-*")) or any(out_root.glob(f".{month}.building-*"))
                or (month_dir.is_dir() and any(p.is_file() and not p.name.startswith(".") or p.name.startswith(".flat-")
                                               for p in month_dir.iterdir())))

    if not pending():
        return
    with locks.hold(lock_path(out_root, month), f"report for {month}", max(wait, 30.0), said=lock_said(month)):
        month_dir = out_root / month
        for previous in sorted(out_root.glob(f".{month}.previous-*")):
            if month_dir.exists():  # the older storebook finished its swap
                shutil.rmtree(previous, ignore_errors=True)
            else:  # stopped between its two renames: its old pack goes back first
                previous.rename(month_dir)
        for folder in out_root.glob(f".{month}.building-*"):
            shutil.rmtree(folder, ignore_errors=True)
        if not month_dir.is_dir():
            return
        files = [p for p in month_dir.iterdir() if p.is_file() and not p.name.startswith(".")]
        started = sorted(month_dir.glob(".flat-*"))
        if not files and not started:
            return
        staging = started[0] if started else month_dir / f".flat-{os.getpid()}"
        staging.mkdir(exist_ok=True)
        for path in files:
            path.rename(staging / path.name)
            locks.reached("flat-file-moved")
        target = month_dir / flat_pack_language(staging)
        if target.exists():  # a newer pack of that language is already in place
            shutil.rmtree(staging, ignore_errors=True)
        else:
            staging.rename(target)
        for extra in started[1:]:
            shutil.rmtree(extra, ignore_errors=True)
