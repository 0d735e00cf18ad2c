"""The pack on paper: each page printed to PDF by headless Chromium, and one PDF of the whole pack.

``storebook report --pdf`` prints, with one Chromium driven over its DevTools protocol
(:mod:`storebook.report.browser`):

* every page of the pack and the index to ``<name>.pdf`` beside its HTML, on A4 with the
  house print stylesheet (``@media print`` in house.css), a running header (the store, the
  pack's name and month, the report) and the page number in the footer — Chromium's own
  header and footer templates, since its support of ``@page`` margin boxes is partial;
* the whole pack, the index first and then every report in pack order, merged with pypdf
  into ``pack-<month>-<lang>.pdf``, with a bookmark per report.

printed = print_pack(folder, [folder / "index.html", folder / "traffic.html"], frame)
printed.pack, printed.messages
('pack-2026-11-en.pdf', [])
"""

from __future__ import annotations

import base64
import html
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storebook.report.browser import BROWSERS, DevTools, find_browser
from storebook.report.number_style import house_colour
from storebook.report.summary import short_title
from storebook.report.text import CATALOGUE

#: A4 in inches, and the margins the running header and footer sit in (house.css's @page agrees).
A4_INCHES = (8.27, 11.69)
MARGINS_INCHES = {"marginTop": 0.63, "marginBottom": 0.63, "marginLeft": 0.47, "marginRight": 0.47}
#: Seconds one page may take to print (the largest report page has dozens of charts).
PRINT_TIMEOUT = 180


@dataclass(frozen=True)
class PrintFrame:
    """What the running header and footer of every printed page say.

    Attributes:
        store: the store's name.
        month: the pack's month (``2026-11``).
        lang: ``en`` or ``zh``.
    """

    store: str
    month: str
    lang: str

    def _label(self, key: str) -> str:
        return CATALOGUE[f"pack.{key}"][self.lang]

    def header(self, title: str) -> str:
        """Chromium's header template: the store and the pack's name and month, the report's title."""
        left = html.escape(f"{self.store} · {self._label('pack')} {self.month}")
        return (f'<div style="{_TEMPLATE_STYLE}"><span>{left}</span>'
                f'<span>{html.escape(title)}</span></div>')

    def footer(self) -> str:
        """Chromium's footer template: page n of m (of this PDF)."""
        number = self._label("page_of").format(page='<span class="pageNumber"></span>',
                                               pages='<span class="totalPages"></span>')
        return f'<div style="{_TEMPLATE_STYLE}"><span></span><span>{number}</span></div>'

    def page_css(self, title: str) -> str:
        """The same running header and page numbers as ``@page`` margin boxes, for a reader
        who prints a page from the browser (Chromium 131 and later draw them); ``--pdf``
        takes them out and prints with :meth:`header` and :meth:`footer` instead."""
        left = _css_string(f"{self.store} · {self._label('pack')} {self.month}")
        before, _, rest = self._label("page_of").partition("{page}")
        middle, _, after = rest.partition("{pages}")
        number = " ".join(p for p in (_css_string(before) if before else "", "counter(page)",
                                      _css_string(middle) if middle else "", "counter(pages)",
                                      _css_string(after) if after else "") if p)
        box = f"font: 8px 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif; color: {house_colour('--muted')};"
        return (f"@page {{ @top-left {{ content: {left}; {box} }} @top-right {{ content: {_css_string(title)}; {box} }} "
                f"@bottom-right {{ content: {number}; {box} }} }}")

    @property
    def pack_name(self) -> str:
        """The file name of the whole pack's PDF."""
        return f"pack-{self.month}-{self.lang}.pdf"


# Chromium's templates start at font-size 0 and without the page's fonts: both are set here.
_TEMPLATE_STYLE = ("font-family: 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif; font-size: 8px; "
                   f"color: {house_colour('--muted')}; width: 100%; margin: 0 12mm; display: flex; "
                   "justify-content: space-between;")


def _css_string(text: str) -> str:
    """A CSS string literal: quotes and backslashes escaped, no way out of the <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return f'"{escaped}"'


#: The id of the <style> element holding a page's @page margin boxes (taken out by --pdf).
RUNNING_STYLE = "running-header"


@dataclass
class PrintedPack:
    """What :func:`print_pack` wrote.

    Attributes:
        pages: HTML file name → its PDF's file name, for each page that printed.
        pack: the whole pack's PDF file name (None when it could not be made).
        page_counts: PDF file name → its number of pages.
        messages: what the analyst should know (no browser, a page that did not print).
    """

    pages: dict[str, str] = field(default_factory=dict)
    pack: str | None = None
    page_counts: dict[str, int] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


def print_pack(directory: Path, pages: Sequence[Path], frame: PrintFrame, *,
               runs: Mapping[str, Any] | None = None, merge: bool = True) -> PrintedPack:
    """Print each page to a PDF beside it, then merge them, in the order given, into the pack's PDF.

    Args:
        directory: the pack's folder (the whole pack's PDF is written there).
        pages: the HTML pages in pack order (the index first).
        frame: what the running header and footer say.
        runs: the reports' run records by name, to note each PDF's file name in.
        merge: also write the whole pack's PDF.
    Returns:
        The :class:`PrintedPack`.
    """
    printed = PrintedPack()
    browser = find_browser()
    if not browser:
        printed.messages.append(
            "--pdf: no Chromium found (looked for STOREBOOK_BROWSER and "
            f"{', '.join(BROWSERS)} on PATH); the HTML pack was written without PDFs. "
            "Install one (Debian: apt-get install chromium) or set STOREBOOK_BROWSER.")
        return printed
    try:
        chrome = DevTools(browser, timeout=PRINT_TIMEOUT)
    except OSError as exc:
        printed.messages.append(f"--pdf: {browser} did not start ({exc}); the HTML pack was written without PDFs")
        return printed
    with chrome:
        for page in pages:
            target = page.with_suffix(".pdf")
            try:
                target.write_bytes(print_page(chrome, page, frame))
            except (RuntimeError, TimeoutError, OSError) as exc:
                printed.messages.append(f"--pdf: {browser} could not print {page.name} ({exc}); "
                                        "the HTML page is unaffected")
                continue
            printed.pages[page.name] = target.name
            if runs and page.stem in runs:
                runs[page.stem].pdf = target.name
    for name in printed.pages.values():
        printed.page_counts[name] = count_pages(directory / name)
    if merge and printed.pages:
        parts = [(document_title(page), page.with_suffix(".pdf")) for page in pages if page.name in printed.pages]
        try:
            merge_pdfs(parts, directory / frame.pack_name)
        except Exception as exc:  # noqa: BLE001 - a PDF pypdf cannot read must not cost the HTML pack
            printed.messages.append(f"--pdf: the pages could not be joined into {frame.pack_name} "
                                    f"({type(exc).__name__}: {exc}); each page's PDF is there")
        else:
            printed.pack = frame.pack_name
            printed.page_counts[frame.pack_name] = count_pages(directory / frame.pack_name)
    if frame.lang == "zh" and not _has_chinese_font():
        printed.messages.append(
            "--pdf: no Chinese font is installed on this machine, so Chinese text prints as boxes in the "
            "PDFs (the HTML pages are fine on readers' machines); install one, e.g. Debian: apt-get "
            "install fonts-noto-cjk, or reinstall storebook (its mplfonts dependency ships one)")
    return printed


def print_pdfs(pages: list[Path], runs: Mapping[str, Any] | None = None,
               frame: PrintFrame | None = None) -> list[str]:
    """Print each HTML page to a PDF beside it (no whole-pack PDF).

    Args:
        pages: the HTML files.
        runs: their run records, to note the PDF file name in.
        frame: the running header's words; default from the first page's title and language.
    Returns:
        Messages for the analyst (no browser found, a page that could not be printed).
    """
    if not pages:
        return []
    frame = frame or frame_from_page(pages[0])
    return print_pack(pages[0].parent, pages, frame, runs=runs, merge=False).messages


def print_page(chrome: DevTools, page: Path, frame: PrintFrame) -> bytes:
    """One HTML page as PDF bytes: A4, backgrounds kept, the running header and footer.

    Args:
        chrome: the browser.
        page: the HTML file.
        frame: the running header's words.
    """
    tab = chrome.open(page, width=1024)
    try:
        # The page's own margin boxes would print over Chromium's header and footer.
        chrome.evaluate(tab, f"document.getElementById('{RUNNING_STYLE}')?.remove()")
        chrome.media(tab, "print")
        result = chrome.call("Page.printToPDF", {
            "paperWidth": A4_INCHES[0], "paperHeight": A4_INCHES[1], **MARGINS_INCHES,
            "printBackground": True, "displayHeaderFooter": True,
            "headerTemplate": frame.header(document_title(page)), "footerTemplate": frame.footer(),
            "preferCSSPageSize": False, "generateDocumentOutline": False,
        }, session=tab.session)
    finally:
        chrome.close_tab(tab)
    return base64.b64decode(result["data"])


def merge_pdfs(parts: Sequence[tuple[str, Path]], target: Path) -> None:
    """Join PDFs into one, in order, with a bookmark at the first page of each.

    Args:
        parts: (bookmark title, PDF file) in the order wanted.
        target: the merged file.
    """
    from pypdf import PdfWriter

    writer = PdfWriter()
    for title, path in parts:
        first = len(writer.pages)
        writer.append(str(path))
        writer.add_outline_item(title=title, page_number=first)
    writer.add_metadata({"/Title": target.stem})
    with target.open("wb") as out:
        writer.write(out)


def count_pages(path: Path) -> int:
    """The number of pages of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_LANG = re.compile(r'<html lang="([a-zA-Z-]+)"')


def document_title(page: Path) -> str:
    """The report's title from the page's ``<title>`` (``Traffic — 2026-11 · 2026-11 · Store`` → ``Traffic``)."""
    text = page.read_text(encoding="utf-8", errors="replace")[:4000]
    found = _TITLE.search(text)
    title = html.unescape(found.group(1)).strip() if found else page.stem
    return short_title(title.split(" · ")[0])


def frame_from_page(page: Path) -> PrintFrame:
    """The running header's words read from a page (for pages printed on their own)."""
    text = page.read_text(encoding="utf-8", errors="replace")[:4000]
    found = _TITLE.search(text)
    parts = html.unescape(found.group(1)).split(" · ") if found else []
    lang = _LANG.search(text)
    return PrintFrame(store=parts[2] if len(parts) > 2 else "", month=parts[1] if len(parts) > 1 else "",
                      lang="zh" if lang and lang.group(1).startswith("zh") else "en")


def _has_chinese_font() -> bool:
    """Whether Chromium will find a Chinese font: the mplfonts one, or one fontconfig knows."""
    try:
        from storebook.report.plots import cjk_font_path

        if cjk_font_path().is_file():
            return True
    except (ImportError, RuntimeError):
        pass
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return True
    return listed.returncode != 0 or bool(listed.stdout.strip())
