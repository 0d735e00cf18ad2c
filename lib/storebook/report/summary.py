"""The index as an executive summary: a few sentences on what matters this month and at most
twelve cards, built from what the pages recorded (``<area>.headline`` and the other recorded
results of each executed notebook, :mod:`storebook.report.results`) — no figure is written here.

**The sentences** (3–5, in the report's language, words in ``catalogue/summary.py``):

1. sales: the paid amount (else the first core metric recorded) with its change on the
   prior month and on the same month last year;
2. targets (where the store sets them): how many were met, and the one furthest behind
   (the overview's scorecard, ``overview.scorecard``);
3. the largest moves: the biggest improvement and the biggest setback on the prior month
   among the recorded headline metrics, good and bad as the metric registry says (a forecast,
   which the registry calls a projection, is no move of the month);
4. risks the pages found, in the order of :data:`RISK_ORDER` (at most three): a report that
   did not finish, a suspected tracking outage, a metric missing its target by more than the
   overview's amber tolerance, a red-graded worst supplier, a complaint spike traced to a
   batch, promotions that lost margin, marketing spend over budget by more than
   :data:`BUDGET_TOLERANCE` — or that none was found;
5. the one thing to act on: the first risk's action (else the biggest setback);
6. on a sparse store: the tables missing from the month's data (the needs of the sections
   that could not run, less every table some section did read), and how many sections
   that left out. Past five sentences, the "no risk" sentence goes first, then the moves.

**The cards** (at most :data:`MAX_CARDS`): a metric recorded by several pages is shown once,
from the first page in pack order other than the overview (which repeats the others'
figures); a card needs a value and at least one comparison — one without is never shown.
First come the department's core metrics in the order of :data:`CORE` (sales, profit,
conversion, store rating and satisfaction, campaign return), at most :data:`CORE_LIMIT`;
the other places go to the metrics with the largest change on the prior month (on last year
where the prior month is missing), good or bad news alike (a metric the registry calls
neutral, such as the number of promotions, is neither). Each card links to the section of
the page that recorded it.

summary = build_summary(folder, reports, "en", value_text)
summary.sentences[0]
'Paid amount was ¥2.61M: up 31.8% on the prior month and up 5.8% on the same month last year.'
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storebook.measures import metrics as registry
from storebook.report.text import Text

#: The most cards the index shows.
MAX_CARDS = 12
#: The department's core metrics, in the order the index shows them: sales, profit,
#: conversion, store rating and customer satisfaction, campaign return, refunds.
CORE = ("paid_amount", "net_sales", "gross_margin", "contribution_margin", "conversion_rate", "aov",
        "store_rating", "satisfied_share", "roas", "incremental_roas", "refund_rate", "orders")
#: At most this many core cards, so that the month's largest moves always get a place.
CORE_LIMIT = 9
#: The page that gathers the other pages' figures: a card links to the metric's own page instead.
OVERVIEW = "overview"
#: The risks in the order they are told and acted on: what makes the other figures
#: unreliable first (a failed report, a tracking outage), then money at stake.
RISK_ORDER = ("failed", "tracking", "target", "supplier", "complaints", "promotion", "budget")
#: Marketing spend over budget by more than this share of the budget is a risk.
BUDGET_TOLERANCE = 0.02
#: A flagged day is a suspected tracking outage when visitors fell by at least this share
#: of the expected level while paid amount stayed within PAID_HELD of its own.
TRACKING_VISITORS_DROP = 0.5
PAID_HELD = 0.25
#: The most sentences and the most risks the summary names.
MAX_SENTENCES = 5
MAX_RISKS = 3


@dataclass(frozen=True)
class Change:
    """One comparison of a card, as the markup contract shows it.

    Attributes:
        field: ``vs_prior`` or ``vs_last_year``.
        value: the relative change recorded (None: no comparison).
        sign: ``+``, ``-`` or ``0`` (missing, or flat as a relative change: the registry's
            ``change_sign``).
        tone: ``good``, ``bad`` or ``neutral`` (the registry's good direction).
    """

    field: str
    value: float | None
    sign: str
    tone: str


@dataclass(frozen=True)
class Card:
    """One card of the index: a headline entry and where it links."""

    key: str
    label: str
    value: float
    unit: str | None
    changes: tuple[Change, ...]
    report: str
    report_title: str
    href: str
    entry: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Risk:
    """A risk a page found: the phrase for the risks sentence and what to do about it."""

    kind: str
    phrase: str
    action: str


@dataclass
class Summary:
    """The index's summary: sentences, cards, the risks and the tables missing from the data."""

    sentences: list[str]
    cards: list[Card]
    risks: list[Risk]
    missing_tables: list[str]


# -- tone and sign --------------------------------------------------------------------------
def change_tone(key: str, change: float | None, good: str | None = None) -> str:
    """Good, bad or neutral news: the registry's ``change_tone`` where it has one, else its
    good direction (``good`` for a metric the registry does not know, as its record says).

    >>> change_tone("refund_rate", -0.32), change_tone("paid_amount", -0.1), change_tone("marketing_spend", 0.5)
    ('good', 'bad', 'neutral')
    """
    return registry.change_tone(key, change, good)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value)


# -- cards ----------------------------------------------------------------------------------
def choose_cards(reports: Sequence[Any], anchors: Mapping[str, str] | None = None,
                 limit: int = MAX_CARDS, *, compared: bool = True) -> list[Card]:
    """The index's cards by the rule of the module docstring.

    Args:
        reports: the pack's run records (name, title, html, headline) in pack order.
        anchors: report name → the id of the section its headline was recorded in.
        limit: the most cards.
        compared: only figures with a comparison (the index's rule; False for the
            summary's sales sentence, which states a figure even without one).
    Returns:
        The cards, core metrics first, then the largest moves.
    """
    anchors = anchors or {}
    chosen: dict[str, Card] = {}
    for run in reports:
        for entry in run.headline or []:
            key = str(entry.get("key") or entry.get("label"))
            if not _is_number(entry.get("value")) or (compared and not _has_comparison(key, entry)):
                continue  # a card without a comparison is never shown
            if key in chosen and chosen[key].report != OVERVIEW:
                continue
            if key in chosen and run.name == OVERVIEW:
                continue
            href = run.html or ""
            if href and anchors.get(run.name):
                href += "#" + anchors[run.name]
            changes = tuple(Change(f, entry.get(f), registry.change_sign(None, entry.get(f)) or "0",
                                   change_tone(key, entry.get(f), entry.get("good")))
                            for f in ("vs_prior", "vs_last_year"))
            chosen[key] = Card(key=key, label=str(entry.get("label", key)), value=float(entry["value"]),
                               unit=entry.get("unit"), changes=changes, report=run.name,
                               report_title=short_title(run.title or run.name), href=href, entry=entry)
    core = [chosen[k] for k in CORE if k in chosen][:CORE_LIMIT]
    # A metric the registry calls neutral (a count of promotions) is neither good nor bad news.
    others = sorted((c for c in chosen.values() if c not in core
                     and not (c.key in registry.METRICS and registry.METRICS[c.key].good == "neutral")),
                    key=lambda c: -abs(_main_change(c.entry) or 0.0))
    return (core + others)[:limit]


def short_title(title: str) -> str:
    """A report's title without the month the notebooks add (``Traffic — 2026-11`` → ``Traffic``)."""
    return re.sub(r"\s*[—–-]\s*\d{4}-\d{2}$", "", title) or title


def _has_comparison(key: str, entry: Mapping[str, Any]) -> bool:
    """A change the card can show: a rate that fell to 0 from −100% has no prior rate to
    recover, so its change in points cannot be written (the card would be empty).

    >>> _has_comparison("stockout_rate", {"value": 0.0, "vs_prior": -1.0, "vs_last_year": None})
    False
    >>> _has_comparison("orders", {"value": 0.0, "vs_prior": -1.0})
    True
    """
    return any(_is_number(registry.shown_change(key, entry.get("value"), entry.get(field)))
               for field in ("vs_prior", "vs_last_year"))


def _main_change(entry: Mapping[str, Any]) -> float | None:
    """The change a move is ranked by: on the prior month, else on the same month last year."""
    for name in ("vs_prior", "vs_last_year"):
        if _is_number(entry.get(name)):
            return float(entry[name])
    return None


# -- the summary ----------------------------------------------------------------------------
def build_summary(directory: Path, reports: Sequence[Any], lang: str,
                  value_text: Callable[[Any, str | None], str]) -> Summary:
    """The index's sentences and cards from the pack's executed notebooks and run records.

    Args:
        directory: the pack's folder (the executed notebooks and pages are read there).
        reports: the run records of every report, in pack order.
        lang: ``en`` or ``zh``.
        value_text: how a headline value is written (the index cards' own format).
    Returns:
        The :class:`Summary`.
    """
    results = {r.name: _read(directory, r) for r in reports}
    anchors = {r.name: _section_anchor(directory, r, results[r.name][1]) for r in reports}
    return summarise(reports, {name: res[0] for name, res in results.items()}, lang, value_text, anchors)


def summarise(reports: Sequence[Any], facts: Mapping[str, Mapping[str, Any]], lang: str,
              value_text: Callable[[Any, str | None], str], anchors: Mapping[str, str] | None = None) -> Summary:
    """The summary from what the reports recorded (:func:`build_summary` without the files).

    Args:
        reports: the run records of every report, in pack order (name, title, status,
            html, headline, sections).
        facts: report name → its recorded results (``storebook.report.results.read_results``).
        lang: ``en`` or ``zh``.
        value_text: how a headline value is written.
        anchors: report name → the id of its headline's section on its page.
    Returns:
        The :class:`Summary`.
    """
    text = Text(lang)
    cards = choose_cards(reports, anchors)
    candidates = choose_cards(reports, anchors, limit=10**6)
    risks = find_risks(reports, facts, text, value_text)
    missing = missing_tables(reports)
    ranked: list[tuple[str, str]] = []   # (what, sentence)
    figures = choose_cards(reports, anchors, limit=10**6, compared=False)  # with a comparison or without
    ranked += [("sales", _sales_sentence(figures, text, value_text))]
    if (sentence := _target_sentence(facts.get(OVERVIEW, {}), text)):
        ranked.append(("targets", sentence))
    sales = _sales_card(figures)
    sales_key = sales.key if sales else None
    good, bad = _largest_moves([c for c in candidates if c.key != sales_key])
    if (sentence := _moves_sentence(good, bad, text)):
        ranked.append(("moves", sentence))
    # The targets sentence already names the target furthest behind.
    told = [r for r in risks if not (r.kind == "target" and any(what == "targets" for what, _ in ranked))]
    if told:
        joiner = "; " if lang == "en" else "；"
        ranked.append(("risks", text("summary.risks", risks=joiner.join(r.phrase for r in told[:MAX_RISKS]))))
    elif any(r.status == "ok" for r in reports) and not risks:
        ranked.append(("no_risks", text("summary.risks.none_partial" if missing else "summary.risks.none")))
    action = risks[0].action if risks else (
        text("summary.act.setback", metric=_name(bad, text), change=_change_words(bad, text)) if bad else None)
    if action:
        ranked.append(("act", text("summary.act", action=action)))
    if missing:
        sections = [s for r in reports for s in r.sections or [] if s.get("number")]
        left_out = sum(1 for s in sections if s.get("status") == "none")
        ranked.append(("missing", text("summary.missing", tables=text.join([_table_label(t, text) for t in missing]),
                                       left_out=left_out, sections=len(sections))))
    for drop in ("no_risks", "moves"):
        if len(ranked) > MAX_SENTENCES:
            ranked = [item for item in ranked if item[0] != drop]
    return Summary(sentences=[s for _, s in ranked][:MAX_SENTENCES], cards=cards, risks=risks,
                   missing_tables=missing)


def _read(directory: Path, run: Any) -> tuple[dict[str, Any], dict[str, str | None]]:
    """A report's recorded results and the section each was recorded in ({} without a notebook)."""
    from storebook.report.results import read_result_sections, read_results

    path = directory / run.notebook if run.notebook else None
    if path is None or not path.is_file():
        return {}, {}
    try:
        import nbformat

        notebook = nbformat.read(str(path), as_version=4)  # once: the charts make it megabytes of JSON
        return read_results(notebook), read_result_sections(notebook)
    except (OSError, ValueError, KeyError, TypeError):
        return {}, {}


_H2 = re.compile(r'<h([23])\s+id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)


def _section_anchor(directory: Path, run: Any, sections: Mapping[str, str | None]) -> str:
    """The id of the heading of the section a report's headline was recorded in; for a
    headline recorded outside a numbered section (``page.guard``: the supplier and
    data-quality pages show no cards), the page's first numbered section ('' if none)."""
    key = sections.get(f"{run.name}.headline")
    numbered = [s for s in run.sections or [] if s.get("number") and s.get("heading")]
    heading = next((s.get("heading") for s in numbered if s.get("key") == key), None) \
        or next((s.get("heading") for s in numbered), None)
    if not heading or not run.html or not (directory / run.html).is_file():
        return ""
    page = (directory / run.html).read_text(encoding="utf-8", errors="replace")
    wanted = _plain(heading)
    for match in _H2.finditer(page):
        if wanted and wanted in _plain(re.sub(r'<a class="anchor".*?</a>', "", match.group(3), flags=re.DOTALL)):
            return match.group(2)
    return ""


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _name(card: Card, text: Text) -> str:
    """A metric's name in the summary's language: the registry's, else the one recorded."""
    return text.label("metric", card.key) if card.key in registry.METRICS else card.label


def _sales_card(cards: Sequence[Card]) -> Card | None:
    """The figure the summary opens with: the first core metric, else the first of the store's
    business (the Tmall 生意参谋 item report's listing visitors, not the data-quality page's
    share of rows kept, which leads only where it is the one figure)."""
    business = [c for c in cards if c.report != "data_quality"]
    return next((c for k in CORE for c in cards if c.key == k), (business or list(cards) or [None])[0])


def _sales_sentence(cards: Sequence[Card], text: Text, value_text: Callable[[Any, str | None], str]) -> str:
    card = _sales_card(cards)
    if card is None:
        return text("summary.no_headline")
    prior, last_year = (_change_words(card, text, f) for f in ("vs_prior", "vs_last_year"))
    variant = {(True, True): "", (True, False): ".prior_only", (False, True): ".last_year_only"}.get(
        (prior is not None, last_year is not None), ".alone")
    return text(f"summary.sales{variant}", metric=_name(card, text), value=value_text(card.value, card.unit),
                vs_prior=prior, vs_last_year=last_year)


def _change_words(card: Card, text: Text, name: str = "") -> str | None:
    """A card's change in words: ``up 31.8%``; a share's in percentage points (``down 1.40 pp``)."""
    change = card.entry.get(name) if name else _main_change(card.entry)
    if not _is_number(change):
        return None
    points = registry.in_points(card.key) if registry.find_metric(card.key) else card.unit == "ratio"
    if not points or change <= -1:
        return text.number(change, "change")
    # A rate's change in points, exactly from the value and its relative change (the registry's).
    return text.points_change(card.value - card.value / (1 + change))


def _target_sentence(overview: Mapping[str, Any], text: Text) -> str | None:
    """Targets met and the one furthest behind, from the overview's scorecard (all platforms)."""
    rows = [r for r in overview.get("overview.scorecard") or [] if isinstance(r, dict)
            and r.get("platform") == "total" and r.get("status") in ("green", "amber", "red")]
    if not rows:
        return None
    met = sum(r["status"] == "green" for r in rows)
    missed = [r for r in rows if r["status"] != "green" and _is_number(r.get("vs_target"))]
    if not missed:
        return text("summary.targets.all_met", with_target=len(rows))
    worst = max(missed, key=lambda r: abs(r["vs_target"]))
    return text("summary.targets.missed", met=met, with_target=len(rows), metric=text.label("metric", worst["metric"]),
                gap=text.number(abs(worst["vs_target"]), "percent"),  # a relative gap: no share
                side=text("summary.side.above" if worst["vs_target"] > 0 else "summary.side.below"))


def _largest_moves(cards: Iterable[Card]) -> tuple[Card | None, Card | None]:
    """The card with the largest good change on the prior month, and the one with the largest bad one
    (a forecast's change is the season the model expects, not a move of the month)."""
    good = bad = None
    for card in cards:
        change = card.entry.get("vs_prior")
        if not _is_number(change) or (card.key in registry.METRICS and registry.METRICS[card.key].projection):
            continue
        tone = change_tone(card.key, change, card.entry.get("good"))
        if tone == "good" and (good is None or abs(change) > abs(good.entry["vs_prior"])):
            good = card
        if tone == "bad" and (bad is None or abs(change) > abs(bad.entry["vs_prior"])):
            bad = card
    return good, bad


def _moves_sentence(good: Card | None, bad: Card | None, text: Text) -> str | None:
    if good is None and bad is None:
        return None
    values = {}
    if good is not None:
        values.update(good_metric=_name(good, text), good_change=_change_words(good, text, "vs_prior"))
    if bad is not None:
        values.update(bad_metric=_name(bad, text), bad_change=_change_words(bad, text, "vs_prior"))
    variant = "both" if good and bad else "good_only" if good else "bad_only"
    return text(f"summary.moves.{variant}", **values)


# -- risks ----------------------------------------------------------------------------------
def find_risks(reports: Sequence[Any], facts: Mapping[str, Mapping[str, Any]], text: Text,
               value_text: Callable[[Any, str | None], str]) -> list[Risk]:
    """The risks the pages recorded, in :data:`RISK_ORDER`.

    Args:
        reports: the run records (for reports that did not finish).
        facts: report name → its recorded results.
        text: the index's language.
        value_text: how an amount is written (``value_text(v, "CNY")``).
    Returns:
        One :class:`Risk` per finding.
    """
    found: list[Risk] = []
    for run in reports:
        if run.status != "ok":
            title = short_title(run.title or run.name)
            found.append(Risk("failed", text("summary.risk.failed", report=title),
                              text("summary.action.failed", report=title)))
    found += _tracking_risks(facts.get("traffic", {}), text)
    found += _target_risks(facts.get(OVERVIEW, {}), text)
    found += _supplier_risks(facts.get("supplier", {}), text, value_text)
    found += _complaint_risks(facts.get("service", {}), text)
    found += _promotion_risks(facts.get("promotion", {}), text, value_text)
    found += _budget_risks(facts.get(OVERVIEW, {}), text, value_text)
    return sorted(found, key=lambda r: RISK_ORDER.index(r.kind))


def _tracking_risks(traffic: Mapping[str, Any], text: Text) -> list[Risk]:
    """Flagged days whose visitors collapsed while paid amount held: the tracking, not the demand."""
    risks = []
    for day in traffic.get("traffic.flagged_days") or []:
        visitors, paid = day.get("visitors_effect"), day.get("paid_effect")
        if (day.get("driver") == "visitors" and _is_number(visitors) and _is_number(paid)
                and visitors <= -TRACKING_VISITORS_DROP and paid >= -PAID_HELD):
            values = {"platform": text.label("platform", day.get("platform")), "date": text.date(day["date"]),
                      "share": text.number(1 + visitors, "percent")}  # of the expected: no share
            risks.append(Risk("tracking", text("summary.risk.tracking", **values), text("summary.action.tracking", **values)))
    return risks[:1]


def _target_risks(overview: Mapping[str, Any], text: Text) -> list[Risk]:
    """The metric furthest behind its target among those missed beyond the amber tolerance (red)."""
    red = [r for r in overview.get("overview.scorecard") or [] if isinstance(r, dict) and r.get("platform") == "total"
           and r.get("status") == "red" and _is_number(r.get("vs_target"))]
    if not red:
        return []
    worst = max(red, key=lambda r: abs(r["vs_target"]))
    values = {"metric": text.label("metric", worst["metric"]), "gap": text.number(abs(worst["vs_target"]), "percent"),
              "side": text("summary.side.above" if worst["vs_target"] > 0 else "summary.side.below")}
    return [Risk("target", text("summary.risk.target", **values), text("summary.action.target", **values))]


def _supplier_risks(supplier: Mapping[str, Any], text: Text, value_text: Callable[[Any, str | None], str]) -> list[Risk]:
    """The worst supplier, when it is graded red, with the sales its late or short deliveries cost."""
    worst_id = supplier.get("supplier.worst")
    ranking = [r for r in supplier.get("supplier.ranking") or [] if isinstance(r, dict)]
    worst = next((r for r in ranking if r.get("supplier_id") == worst_id), None)
    if worst is None or worst.get("grade") != "red":
        return []
    name = worst.get("supplier_name") or worst_id
    brackets = "（{}）" if text.language == "zh" else " ({})"
    label = name + brackets.format(worst_id) if name != worst_id else str(worst_id)
    lost = next((r.get("attributed_lost_sales_amount") for r in supplier.get("supplier.lost_sales") or []
                 if isinstance(r, dict) and r.get("supplier_id") == worst_id), None)
    otif = worst.get("month_otif_rate") if _is_number(worst.get("month_otif_rate")) else worst.get("otif_rate")
    phrase = text("summary.risk.supplier", supplier=label, otif=text.number(otif, "pct"))
    if _is_number(lost) and lost > 0:
        phrase += text("summary.risk.supplier.lost", amount=value_text(lost, "CNY"))
    return [Risk("supplier", phrase, text("summary.action.supplier", supplier=label))]


def _complaint_risks(service: Mapping[str, Any], text: Text) -> list[Risk]:
    spike = service.get("service.spike")
    if not isinstance(spike, dict) or not spike.get("sku"):
        return []
    values = {"sku": spike["sku"], "batch": spike.get("batch_id") or text.na,
              "supplier": spike.get("supplier_id") or text.na, "complaints": text.number(spike.get("complaints"), "count"),
              "expected": f"{spike['expected']:.1f}" if _is_number(spike.get("expected")) else text.na}
    return [Risk("complaints", text("summary.risk.complaints", **values), text("summary.action.complaints", **values))]


def _promotion_risks(promotion: Mapping[str, Any], text: Text, value_text: Callable[[Any, str | None], str]) -> list[Risk]:
    margin = next((e.get("value") for e in promotion.get("promotion.headline") or []
                   if isinstance(e, dict) and e.get("key") == "incremental_margin"), None)
    if not _is_number(margin) or margin >= 0:
        return []
    phrase = text("summary.risk.promotion", amount=value_text(-margin, "CNY"))
    return [Risk("promotion", phrase, text("summary.action.promotion"))]


def _budget_risks(overview: Mapping[str, Any], text: Text, value_text: Callable[[Any, str | None], str]) -> list[Risk]:
    rows = [r for r in overview.get("overview.budget") or [] if isinstance(r, dict)]
    total = next((r for r in rows if r.get("channel") == "total"), None)
    if total is None or not _is_number(total.get("over_budget_rate")) or total["over_budget_rate"] <= BUDGET_TOLERANCE:
        return []
    channels = [r for r in rows if r.get("channel") != "total" and _is_number(r.get("over_budget"))]
    worst = max(channels, key=lambda r: r["over_budget"]) if channels else {"channel": "total"}
    values = {"amount": value_text(total["over_budget"], "CNY"), "rate": text.number(total["over_budget_rate"], "percent"),
              "channel": text.label("channel", worst["channel"])}
    return [Risk("budget", text("summary.risk.budget", **values), text("summary.action.budget", **values))]


# -- what the data lacks --------------------------------------------------------------------
def missing_tables(reports: Sequence[Any]) -> list[str]:
    """Tables the sections that could not run lacked and no section read: not in the month's data.

    A section that could not run for want of a column (or of another table) names in ``lacks``
    the tables it lacked; its other tables are there (Amazon India's stock snapshot, which no
    section could use without sales, was listed as not in the data). A record without ``lacks``
    (an older run's) counts every table it needs.

    Args:
        reports: the run records, with their ``sections`` (storebook.report.needs).
    Returns:
        Table names, in the order first needed.
    """
    sections = [s for r in reports for s in r.sections or []]
    read = {t for s in sections if s.get("status") in ("full", "partial") for t in s.get("read") or []}
    needed = [t for s in sections if s.get("status") == "none"
              for t in (s["lacks"] if "lacks" in s else s.get("needs") or [])]
    return [t for t in dict.fromkeys(needed) if t not in read]


def _table_label(table: str, text: Text) -> str:
    key = f"page.table.{table}"
    return text(key) if text.has(key) else table
