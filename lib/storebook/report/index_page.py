"""The month's index page: the executive summary, the key cards, the reports and the provenance.

:func:`render_index` fills ``templates/report/pack_index.html.j2`` with the summary of
:mod:`storebook.report.summary` (sentences and at most twelve cards, each change marked up
as the pack's pages mark theirs: ``class="chg tone-…" data-metric data-sign``), the
reports with their status and sections, the other months, and — in the footer, not the
header — the generation time, code revision, data fingerprint and package versions
(run.json holds the same).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from storebook.report.pdf import PrintFrame
from storebook.report.summary import build_summary
from storebook.report.text import CATALOGUE, LANGUAGES

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
                 value_text: Callable[[Any, str | None], str], card_value: Callable[[Mapping[str, Any]], str],
                 card_change: Callable[[Mapping[str, Any], str], str],
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
        value_text: how a value is written in a sentence (value, unit → text).
        card_value: a card's value as HTML, from its headline entry (key, value, unit).
        card_change: a card's change (entry, ``vs_prior`` | ``vs_last_year``) as HTML with the
            pack's markup contract, written and toned by the metric registry.
        versions: package → version (the footer names :data:`FOOTER_PACKAGES`).
        files: the pack's PDFs, ``{"index": …, "pack": …}`` where printed.
    Returns:
        The HTML text.
    """
    import jinja2
    import markupsafe

    summary = build_summary(directory, reports, lang, value_text)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / "report")),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True, lstrip_blocks=True,
    )
    running = PrintFrame(context["store"], context["month"], lang).page_css(labels["pack"])
    # The card functions escape what they write and return markup.
    env.filters["card_value"] = lambda card: markupsafe.Markup(card_value(_entry(card)))
    env.filters["card_change"] = lambda card, field: markupsafe.Markup(card_change(_entry(card), field))
    return env.get_template("pack_index.html.j2").render(
        ctx=context, labels=labels, words=WORDS[lang], summary=summary, reports=reports, months=months,
        languages=languages, css=css, ok=all(r.ok for r in reports), files=files or {},
        versions={k: versions[k] for k in FOOTER_PACKAGES if k in versions}, running_css=running,
    )


def _entry(card: Any) -> dict[str, Any]:
    """A card's headline entry under the card's key (a record may name its metric by label)."""
    return {**card.entry, "key": card.key, "value": card.value, "unit": card.unit}
