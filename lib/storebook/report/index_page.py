"""The month's index page: the executive summary, the key cards, the reports and the provenance.

:func:`render_index` fills ``templates/report/pack_index.html.j2`` with the summary of
:mod:`storebook.report.summary` (sentences and at most twelve cards, each change marked up
as the pack's pages mark theirs: ``class="chg tone-…" data-metric data-sign``), the
reports with their status and sections, the other months, and — in the footer, not the
header — the generation time, code revision, data fingerprint and package versions
(run.json holds the same). :func:`write_index` writes it into a pack; :func:`format_value`,
:func:`card_value` and :func:`card_change` write its numbers in the pack's one number style.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from storebook.measures.metrics import shown_change
from storebook.report import packs
from storebook.report.number_style import change_html, format_metric, value_html
from storebook.report.pdf import PrintFrame
from storebook.report.plan import ReportPlan, ReportRun
from storebook.report.provenance import package_versions
from storebook.report.render import LABELS, house_css, strip_network_references
from storebook.report.summary import build_summary
from storebook.report.text import CATALOGUE, LANGUAGES, is_missing, use_currency

TEMPLATES = Path(__file__).parent / "templates"

#: The summary's words, in each language, for the template (``summary.<label>``).
WORDS: dict[str, dict[str, str]] = {
    lang: {key.removeprefix("summary."): entry[lang] for key, entry in CATALOGUE.items() if key.startswith("summary.")}
    for lang in LANGUAGES
}
#: The package versions the footer names (run.json lists them all).
FOOTER_PACKAGES = ("python", "storebook", "pandas", "duckdb", "ibis-framework", "nbconvert")


def render_index(directory: Path, lang: str, *, context: Mapping[str, Any], labels: Mapping[str, str],
                 reports: Sequence[Any], months: Sequence[Any], languages: str, css: str,
                 versions: Mapping[str, str], files: Mapping[str, str] | None = None) -> str:
    """The index page's HTML.

    Args:
        directory: the pack's folder (the executed notebooks and pages are read there).
        lang: ``en`` or ``zh``.
        context: the header context (store, month, platforms, time, revision, fingerprint).
        labels: the pack's words in ``lang`` (``pack.*`` of the catalogue).
        reports: every report's run record, in pack order.
        months: the other months' links (storebook.report.packs.month_links).
        languages: the other language's link (HTML).
        css: the house stylesheet.
        versions: package → version (the footer names :data:`FOOTER_PACKAGES`).
        files: the pack's PDFs, ``{"index": …, "pack": …}`` where printed.
    Returns:
        The HTML text.
    """
    import jinja2
    import markupsafe

    summary = build_summary(directory, reports, lang, lambda v, unit: format_value(v, unit, lang))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / "report")),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True, lstrip_blocks=True,
    )
    running = PrintFrame(context["store"], context["month"], lang).page_css(labels["pack"])
    # The card functions escape what they write and return markup.
    env.filters["card_value"] = lambda card: markupsafe.Markup(card_value(_entry(card), lang))
    env.filters["card_change"] = lambda card, field: markupsafe.Markup(card_change(_entry(card), field, lang))
    env.filters["note_html"] = lambda note: markupsafe.Markup(note_html(note))
    return env.get_template("pack_index.html.j2").render(
        ctx=context, labels=labels, words=WORDS[lang], summary=summary, reports=reports, months=months,
        # between a section's partial notes, sentences of the pack's language
        semicolon=CATALOGUE["word.semicolon"][lang],
        languages=languages, css=css, ok=all(r.ok for r in reports), files=files or {},
        versions={k: versions[k] for k in FOOTER_PACKAGES if k in versions}, running_css=running,
    )


#: A code span of a note (Markdown's single backticks): a command or a column name.
_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def note_html(note: str) -> str:
    """A section's note as the index shows it: its code spans as ``<code>`` and everything else
    escaped. The notes are the pages' Markdown without emphasis; shown as plain text, readers saw
    the backticks ("run `storebook ingest` again"). A backtick without its pair stays as it is.

    The note is given whole: it was cut at 300 characters, mid-word, and what was cut was its
    end, the how-to ("To add them: …"), the part a manager acts on; the section list it stands
    in is folded away until opened.

    >>> note_html("put the exports in `data/raw/<platform>/` and run `storebook ingest` again; 3 < 4")
    'put the exports in <code>data/raw/&lt;platform&gt;/</code> and run <code>storebook ingest</code> again; 3 &lt; 4'
    >>> note_html("a lone ` backtick")
    'a lone ` backtick'
    """
    out, at = [], 0
    for span in _CODE_SPAN.finditer(note):
        out += [html.escape(note[at:span.start()], quote=False), f"<code>{html.escape(span[1], quote=False)}</code>"]
        at = span.end()
    out.append(html.escape(note[at:], quote=False))
    return "".join(out)


def _entry(card: Any) -> dict[str, Any]:
    """A card's headline entry under the card's key (a record may name its metric by label)."""
    return {**card.entry, "key": card.key, "value": card.value, "unit": card.unit}


# -- formatting KPIs ------------------------------------------------------------------------
def format_value(value: Any, unit: str | None, lang: str = "en", key: str | None = None) -> str:
    """A headline value as a manager reads it, in the pack's one number style
    (:mod:`storebook.report.number_style`): the registry's format for ``key``, else the unit's.

    Args:
        value: the number (None → a dash).
        unit: the record's unit (``count``, ``CNY``, ``ratio``, ``days`` …), used when the
            registry does not know ``key``.
        lang: ``en`` (full digits) or ``zh`` (万/亿 from 10,000).
        key: the metric's registry key.
    Returns:
        The formatted text.

    >>> format_value(1234567, "count"), format_value(0.0342, "ratio"), format_value(2.5e6, "CNY")
    ('1,234,567', '3.42%', '¥2,500,000')
    >>> format_value(2.5e6, "CNY", "zh"), format_value(3.25, "days", "zh")
    ('¥250万', '3.2天')
    >>> format_value(-62829.4, "CNY"), format_value(-0.487, "ratio", key="roi")
    ('−¥62,829', '−48.7%')
    >>> format_value(3.4167, "per_1000")  # a rate per 1,000 orders keeps its decimals
    '3.42'
    """
    return format_metric(key, value, lang, unit)


def card_value(entry: Mapping[str, Any], lang: str = "en") -> str:
    """An index card's value as HTML: as :func:`format_value`, a loss below break-even in red."""
    return value_html(entry.get("key"), entry.get("value"), lang, entry.get("unit"))


def card_change(entry: Mapping[str, Any], field: str, lang: str = "en") -> str:
    """An index card's change (``vs_prior`` or ``vs_last_year``) as HTML, as the registry
    says: relative percent or percentage points, its tone from
    :func:`storebook.measures.metrics.change_tone`, the pack's markup (``class="chg tone-…"``,
    ``data-metric``, ``data-sign``).

    An unknown change (no prior month, no last year in the data) is "": the card leaves its line
    out, as :func:`storebook.report.tables.metric_cards` and the sentences do
    (:func:`storebook.report.text.drop_unknown_comparisons`), instead of "– vs prior month".

    >>> card_change({"key": "refund_rate", "value": 0.0275, "vs_prior": -0.238}, "vs_prior")
    '<span class="chg tone-good" data-metric="refund_rate" data-sign="-">▼&nbsp;−0.86&nbsp;pp</span>'
    >>> card_change({"key": "refund_rate", "value": 0.0275, "vs_prior": None}, "vs_prior")
    ''
    """
    key = entry.get("key")
    change = shown_change(key, entry.get("value"), entry.get(field))
    return "" if is_missing(change) else change_html(key, change, lang)


# -- the index in a pack ---------------------------------------------------------------------
def write_index(path: Path, plan: ReportPlan, context: Mapping[str, Any], reports: list[ReportRun],
                out_root: Path, files: Mapping[str, Any] | None = None) -> None:
    """Write the month's ``index.html``: the summary, the key cards, every report with status
    and links, other months, provenance in the footer (:func:`render_index`).

    Args:
        path: where to write it (in the pack's folder, beside the executed notebooks).
        plan: the run's plan.
        context: the header context (store, month, time, revision, fingerprint, lang).
        reports: every report of the pack, in pack order.
        out_root: the outputs folder, searched for the other months' packs.
        files: the pack's PDFs (``index``, ``pack``) where printed.
    """
    use_currency(plan.currency)
    page = render_index(
        path.parent, plan.lang, context=context, labels=LABELS[plan.lang], reports=reports,
        months=packs.month_links(out_root, plan.month, plan.lang),
        languages=packs.language_links(out_root, plan.month, plan.lang), css=house_css(),
        versions=package_versions(), files=files,
    )
    page, _ = strip_network_references(page)
    path.write_text(page, encoding="utf-8")
