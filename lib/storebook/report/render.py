"""A report page: an executed notebook turned into a self-contained HTML page a manager can read.

Our own nbconvert template (``templates/report``): no code, no ``analyst`` cells, no
recorded-result outputs, no request to any network, with a header (store, month,
platforms), a table of contents and a footer (time, code revision, data fingerprint).
"""

from __future__ import annotations

import copy
import functools
import html
import re
import threading
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from storebook.report import pdf
from storebook.report.plan import ReportRun
from storebook.report.results import MIME as RESULT_MIME
from storebook.report.summary import short_title
from storebook.report.text import CATALOGUE, LANGUAGES

TEMPLATES = Path(__file__).parent / "templates"
#: Tags of cells that never reach the HTML: analyst notes, papermill's error markers.
HIDDEN_TAGS = {"analyst", "papermill-error-cell-tag"}
#: The pack's own words (the notebooks' words come from storebook.report.text).
#: The pack's own words, in each language, from the text catalogue (``pack.<label>``).
LABELS: dict[str, dict[str, str]] = {
    lang: {key.removeprefix("pack."): entry[lang] for key, entry in CATALOGUE.items() if key.startswith("pack.")}
    for lang in LANGUAGES
}


def month_note(month_info: Mapping[str, Any], lang: str) -> str:
    """The header's line for a partial month (its days); empty for a complete month.

    >>> month_note({"partial": True, "first_day": "2025-05-11", "last_day": "2025-05-17", "days": 7,
    ...             "month_days": 31}, "en")
    'Partial month: data for 2025-05-11 to 2025-05-17 only (7 of 31 days)'
    >>> month_note({"partial": True, "first_day": "2013-05-26", "last_day": "2013-05-26", "days": 1,
    ...             "month_days": 31}, "en")
    'Partial month: data for 2013-05-26 only (1 of 31 days)'
    >>> month_note({"partial": False}, "en")
    ''
    """
    if not month_info or not month_info.get("partial"):
        return ""
    one_day = month_info["first_day"] == month_info["last_day"]
    return LABELS[lang]["partial_month_day" if one_day else "partial_month"].format(
        first=month_info["first_day"], last=month_info["last_day"],
                                                days=month_info["days"], month_days=month_info["month_days"])


def currency_note(currency: str, stated: bool, lang: str, how: str = "") -> str:
    """The header's line for amounts whose currency no setting and no export gives; empty
    when it is known. ``how``: how it was inferred (storebook.engine.identity.infer_currency):
    ``mixed`` (the commonest of several the exports state), ``region`` or ``setting`` (the
    store's country's), "" (nothing says: the default).

    >>> currency_note("CNY", False, "en")
    'the exports state no currency: amounts are shown in CNY (¥); set [store] currency in storebook.local.toml'
    >>> currency_note("EUR", False, "en", "mixed")[:75]
    'the exports state several currencies: amounts are shown in EUR (€), the one'
    >>> currency_note("EUR", True, "en")
    ''
    """
    if stated:
        return ""
    from storebook.report.number_style import currency_symbol

    label = {"mixed": "currency_mixed", "region": "currency_inferred", "setting": "currency_inferred"}.get(
        how, "currency_unstated")
    return LABELS[lang][label].format(code=currency, symbol=currency_symbol(currency))


# -- the HTML page --------------------------------------------------------------------------
def render_page(nb: Any, run: ReportRun, context: Mapping[str, Any]) -> str:
    """One report page: the executed notebook without code, in the house template.

    Args:
        nb: the executed notebook (None when there is none, e.g. the kernel never started).
        run: the notebook's run record (status, error).
        context: store, month, platforms, generation time, revision, fingerprint, lang.
    Returns:
        The self-contained HTML text.
    """
    import nbformat

    labels = LABELS[context["lang"]]
    if nb is None:
        nb = nbformat.v4.new_notebook()
    nb, notes = prepare_for_html(nb)
    run.notes.extend(n for n in notes if n not in run.notes)
    resources = {
        "storebook": {
            **context,
            "labels": labels,
            "title": run.title or run.name,
            "name": run.name,
            "status": run.status,
            "error": run.error,
            "css": house_css(),
            "running_css": pdf.PrintFrame(context["store"], context["month"], context["lang"]).page_css(
                short_title(run.title or run.name)),
        }
    }
    with _EXPORTER_LOCK:
        body, _ = _exporter().from_notebook_node(nb, resources=resources)
    body, removed = strip_network_references(body)
    run.notes.extend(removed)
    return add_contents(body, labels)


_EXPORTER_LOCK = threading.Lock()


@functools.cache
def _exporter() -> Any:
    """The page exporter, made once: a new one reads and compiles the templates again
    (0.1 CPU-s a page). Called with :data:`_EXPORTER_LOCK` held."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PageExporter(HTMLExporter):
        """nbconvert's HTML exporter without its last pass over the page.

        ``HTMLExporter.from_notebook_node`` parses the whole page again with BeautifulSoup
        (pure Python, over every chart's base64) to give an ``alt`` to images without one and
        a ``tabindex`` to code cells. Our template writes every image's ``alt`` and has no
        code cells, so the pass only respelled the markup, at 0.1 CPU-s a page: 1.5 CPU-s of
        a pack's parent, taken from the kernels running beside it. The filters are registered
        as nbconvert 7 registers them.
        """

        def from_notebook_node(self, nb: Any, resources: dict[str, Any] | None = None,
                               **kw: Any) -> tuple[str, dict[str, Any]]:
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name"))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return PageExporter(
        template_name="report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        # Validate the notebook once, after the preprocessors, not after each of the eleven
        # (none of them is enabled here): 0.06 CPU-s a page.
        optimistic_validation=True,
    )


def prepare_for_html(nb: Any) -> tuple[Any, list[str]]:
    """A copy of the executed notebook with what a manager should not see taken out.

    Cells tagged ``analyst`` and papermill's error markers go; so do recorded-result
    outputs (machine-readable, for the index and the tests), stderr streams (warnings are
    for the analyst, who finds them in the executed notebook), scripts and widgets (they
    would need a network or a kernel) and object reprs such as ``<Axes at 0x…>``.

    Args:
        nb: the executed notebook (left unchanged).
    Returns:
        The cleaned copy and notes on what was taken out.
    """
    nb = copy.deepcopy(nb)
    stderr = 0
    cells = []
    for cell in nb.cells:
        if set(cell.metadata.get("tags", [])) & HIDDEN_TAGS:
            continue
        if cell.cell_type == "code":
            kept = []
            for output in cell.get("outputs", []):
                kind = output.get("output_type")
                if kind == "stream" and output.get("name") == "stderr":
                    stderr += 1
                    continue
                if kind in ("display_data", "execute_result"):
                    data = {k: v for k, v in output.get("data", {}).items() if k != RESULT_MIME
                            and k != "application/javascript" and "widget" not in k}
                    if not data:
                        continue
                    if set(data) == {"text/plain"} and re.match(r"^\[?<.* at 0x[0-9a-f]+>", "".join(data["text/plain"])):
                        continue
                    output["data"] = data
                kept.append(output)
            cell.outputs = kept
            if not kept:
                continue
        cells.append(cell)
    nb.cells = cells
    notes = [f"{stderr} stderr output(s) (warnings) left out of the page; see the executed notebook"] if stderr else []
    return nb, notes


_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_FRAME = re.compile(r"<(iframe|object|embed)\b.*?(</\1\s*>|/>)", re.IGNORECASE | re.DOTALL)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_REMOTE_SRC = re.compile(r"""\s(src|srcset|poster|data)\s*=\s*(["'])\s*(https?:)?//[^"']*\2""", re.IGNORECASE)
_REMOTE_CSS = re.compile(r"""(@import\s+url\([^)]*\)\s*;?|url\(\s*["']?(https?:)?//[^)]*\))""", re.IGNORECASE)


def strip_network_references(page: str) -> tuple[str, list[str]]:
    """Take out of a page everything that would load from a network or run code when opened.

    Our template emits none of it; a notebook output might (a Plotly chart, a remote
    image in Markdown). Plain ``<a href>`` links to outside pages stay: they load nothing.

    Args:
        page: the HTML text.
    Returns:
        The cleaned page and one note per kind of thing removed.
    """
    notes = []
    for pattern, what, repl in (
        (_SCRIPT, "script(s)", ""),
        (_FRAME, "embedded frame(s)", ""),
        (_LINK_TAG, "<link> tag(s)", ""),
        (_REMOTE_SRC, "remote image/media reference(s)", ""),
        (_REMOTE_CSS, "remote CSS reference(s)", "none"),
    ):
        page, count = pattern.subn(repl, page)
        if count:
            notes.append(f"{count} {what} removed from the page (a report must open without a network)")
    return page, notes


_HEADING = re.compile(r"<h([1-3])([^>]*)>(.*?)</h\1>", re.DOTALL)
_MAIN = re.compile(r"(<main[^>]*>)(.*)(</main>)", re.DOTALL)


def add_contents(page: str, labels: Mapping[str, str]) -> str:
    """Give every heading of the report body an id and fill the table of contents.

    The notebook's own first H1 is the report title, already shown in the header, so it
    is dropped from the body. Sections (H2) and their sub-sections (H3) are listed.

    Args:
        page: the page with ``<main>`` and a ``<!--storebook:contents-->`` placeholder.
        labels: the pack's words in the report language.
    Returns:
        The page with ids and contents.
    """
    match = _MAIN.search(page)
    if not match:
        return page.replace("<!--storebook:contents-->", "")
    body = match.group(2)
    first_h1 = re.search(r"<h1[^>]*>.*?</h1>", body, re.DOTALL)
    if first_h1:
        body = body[: first_h1.start()] + body[first_h1.end():]
    used: set[str] = set()
    entries: list[tuple[int, str, str]] = []

    def name_heading(m: re.Match[str]) -> str:
        level, attrs, inner = int(m.group(1)), m.group(2), m.group(3)
        inner = re.sub(r'<a class="anchor-link".*?</a>', "", inner, flags=re.DOTALL)
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        existing = re.search(r'\bid="([^"]+)"', attrs)
        ident = existing.group(1) if existing else _slug(text, used)
        used.add(ident)
        if not existing:
            attrs = f' id="{ident}"{attrs}'
        if level in (2, 3) and text:
            entries.append((level, ident, text))
        return f'<h{level}{attrs}>{inner}<a class="anchor" href="#{ident}" aria-hidden="true">#</a></h{level}>'

    body = _HEADING.sub(name_heading, body)
    # A title cell that held only the H1 would leave an empty box at the top of the page.
    body = re.sub(r'<div class="cell">\s*<div class="prose">\s*</div>\s*</div>', "", body)
    page = page[: match.start(2)] + body + page[match.end(2):]
    if not entries:
        return page.replace("<!--storebook:contents-->", "")
    items = []
    for level, ident, text in entries:
        items.append(f'<li class="toc-{level}"><a href="#{ident}">{html.escape(text)}</a></li>')
    toc = f'<nav class="toc" aria-label="{labels["contents"]}"><h2>{labels["contents"]}</h2><ol>{"".join(items)}</ol></nav>'
    return page.replace("<!--storebook:contents-->", toc)


def _slug(text: str, used: set[str]) -> str:
    """An id for a heading: lower-case words (Chinese kept), unique within the page."""
    text = unicodedata.normalize("NFKC", text).lower()
    base = re.sub(r"[^\w]+", "-", text).strip("-")[:60] or "section"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    return ident


def house_css() -> str:
    """The house stylesheet, inlined into every page (no file or font is fetched)."""
    return (TEMPLATES / "report" / "house.css").read_text(encoding="utf-8")
