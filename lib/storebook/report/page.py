"""The report page: what every report notebook opens with and writes through.

``page = start("traffic", month=month, platforms=platforms, data_path=data_path,
language=language)`` opens the workbook, resolves and checks the month (the last complete
month with data, or a partial one: :func:`storebook.engine.availability.resolve_month`) and the
platforms, applies the house chart style and shows the title and the business question
in the report's language. Then each numbered section is::

    with page.section("traffic.daily"):                      # heading: the section's question
        daily = storebook.areas.traffic.daily_traffic(page.wb, page.period, page.platforms)
        page.show(storebook.report.plots.daily_trend(daily, page.text, china=page.china,
                                                     title=page.t("traffic.daily.title", **facts)))
        page.takeaway("traffic.daily.takeaway", **facts)     # a sentence written from the numbers

Every heading and sentence is a Markdown display output from the text catalogue, so the
HTML report (which hides code cells) reads as a report in English or Chinese.

Before a section runs, what it needs (:data:`storebook.report.needs.SECTIONS`) is checked on the
month's data. When a table or column it needs is absent, empty or blank for the month,
the section shows ONE short note saying what is missing and how to add it, and its body
does not run (``page.wb``, ``page.show`` and ``page.takeaway`` stop it); when it can run
on part of the data (a partial month, an optional table missing, a column known for part
of the rows) it runs and says so. A :class:`storebook.NoDataError` raised inside still
becomes a notice. :meth:`Page.finish` records each section's status (full, partial,
none) for the report index. ``with page.guard(key):`` does the same for a record kept
outside a numbered section (a headline), silently. Any other ``StorebookError`` raised in
a cell (a misspelt month or platform) is shown as a notice instead of a traceback; the
cell still fails, as it should.
"""

from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from storebook.engine import availability, calendar, identity
from storebook.engine.availability import ReportMonth
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.engine.workbook import open as open_workbook
from storebook.errors import NoDataError, StorebookError
from storebook.report import needs, plots, results, tables
from storebook.report.text import Text, check_language, use_currency


class SectionSkipped(Exception):  # noqa: N818 - a signal, not an error: the section's note is shown
    """Raised inside a section whose needs are not met, to stop its body (never escapes it)."""


def _display(obj: Any) -> None:
    from IPython.display import display

    display(obj)


def _markdown(source: str) -> Any:
    from IPython.display import Markdown

    return Markdown(source)


def _notice_markdown(text: Text, message: str) -> str:
    return "> " + text("page.notice", message=str(message)).replace("\n", "\n> ")


@dataclass
class Page:
    """One report notebook's page: its workbook, month, platforms and language.

    Attributes:
        area: the notebook's area (``traffic``); catalogue keys start with it.
        workbook: the open :class:`storebook.Workbook` (read it as ``page.wb``).
        period: the month reported.
        platforms: the platforms reported (the filter every metric function gets).
        text: the text catalogue in the report's language.
        month: the month with the days of it the data cover (partial or not).
        present: the platforms with data in the month (what the title names; none where no
            table of the month is by platform).
        notices: the no-data messages shown so far.
        shown: what the page displayed, as (kind, content) pairs (for tests and logs).
        sections: each numbered section's record: key, number, heading, status
            (``full``/``partial``/``none``), notes, the tables it needs and those it read.
    """

    area: str
    workbook: Workbook
    period: Period
    platforms: list[str]
    text: Text
    month: ReportMonth | None = None
    present: list[str] | None = None
    notices: list[str] = field(default_factory=list)
    shown: list[tuple[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    _sections: int = 0
    _skipping: bool = False
    #: What the numbered section directly above said in place of its result (its needs note, its
    #: notices), and what the running one has said: a section that lacks the same data, or has
    #: no data either, says so briefly ("the same data as the section above", "see above") only
    #: below a section that said the same; anywhere else it says it in full.
    _notices_above: list[str] = field(default_factory=list)
    _notices_here: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.month is None:
            self.month = ReportMonth(self.period, self.period.start, self.period.last_day)
        if self.present is None:
            self.present = list(self.platforms)

    @property
    def language(self) -> str:
        return self.text.language

    @property
    def china(self) -> bool:
        """The store sells in China, so China's calendar applies to it (festival markers on the
        charts): :func:`storebook.engine.calendar.used_for`, decided once per workbook."""
        return calendar.used_for(self.workbook) is not None

    @property
    def country(self) -> str | None:
        """A store outside China: the country whose public holidays its pages set apart and its
        charts mark (:func:`storebook.engine.calendar.own_country`), None where there is none."""
        return calendar.own_country(self.workbook)

    @property
    def wb(self) -> Workbook:
        """The workbook; inside a section whose needs are not met, stops the section."""
        if self._skipping:
            raise SectionSkipped
        return self.workbook

    # -- text --------------------------------------------------------------------------
    def t(self, key: str, **values: Any) -> str:
        """The catalogue text of ``key`` in the page's language, with ``values`` filled in.

        When ``values`` carry the ``variant`` the facts chose (a chart title given the section's
        facts) and the catalogue has ``<key>.<variant>``, that text is used: the title fits the
        numbers as the takeaway does (``customers.new_returning.title.no_amount``). A title
        without that variant keeps its one text.
        """
        variant = values.get("variant")
        if variant and self.text.has(f"{key}.{variant}"):
            key = f"{key}.{variant}"
        return self.text(key, **values)

    def _emit(self, kind: str, markdown: str) -> None:
        if self._skipping:
            raise SectionSkipped
        self.shown.append((kind, markdown))
        _display(_markdown(markdown))

    # -- page furniture ----------------------------------------------------------------
    def title(self) -> None:
        """The title, the business question and what the page covers (a partial month says so)."""
        # A store whose month holds no table of ours by platform (purchase orders, stock) names
        # none: listing the configured ones said the data came from them.
        platforms = (self.text.join(self.text.labels("platform", self.present)) if self.present
                     else self.t("page.no_platform"))
        lines = (f"# {self.t(f'{self.area}.title', month=self.period.label)}\n\n"
                 f"*{self.t(f'{self.area}.question')}*\n\n"
                 + self.t("page.period", month=self.period.label, platforms=platforms,
                          data=self.workbook.fingerprint[:12] or "–"))
        if self.month.partial:
            one_day = self.month.first_day == self.month.last_day
            lines += "\n\n" + self.t("page.partial_month_day" if one_day else "page.partial_month",
                                      first=self.month.first_day, last=self.month.last_day,
                                      days=self.month.days, month_days=self.period.days)
        prior = self._partial_prior()
        if prior is not None:
            lines += "\n\n" + self.t("page.partial_prior", **prior)
        self._emit("title", lines)
        results.record(f"{self.area}.month", self.month.record())

    def _partial_prior(self) -> dict[str, Any] | None:
        """The prior month's days in the data when the data begin inside it (its changes on the
        prior month compare the month with that part of it), else None."""
        try:
            first, _ = availability.data_span(self.workbook)
        except NoDataError:
            return None
        prior = self.period.prior()
        if not prior.start < first <= prior.last_day:
            return None
        return {"first": first, "prior": prior.label, "days": (prior.last_day - first).days + 1,
                "month_days": prior.days}

    def section(self, key: str) -> _Section:
        """Show the next numbered heading (the section's question, from ``key``; ``<key>.plain``
        where the catalogue has one and the store does not sell in China) and check what the
        section needs on the month's data.

        Use it as ``with page.section(key):``: a section whose needs are not met shows one
        note saying what is missing and how to add it, and its body stops; a section
        without data shows a notice; either way the notebook carries on.
        """
        self._sections += 1
        self._notices_above, self._notices_here = self._notices_here, []
        # A question about China's calendar (the Spring Festival's delivery times) has a
        # ``<key>.plain`` question for a store that does not sell in China, where there is one.
        plain = f"{key}.plain"
        heading = self.t(plain if self.text.has(plain) and not self.china else key)
        self._emit("section", f"## {self._sections}. {heading}")
        check = needs.check_section(self.workbook, self.month, self.platforms, key)
        return _Section(self, key, check, number=self._sections, heading=heading)

    def guard(self, key: str | None = None) -> _Section:
        """A block whose NoDataError becomes a notice (``with page.guard(): …``).

        With ``key`` (a record kept outside a numbered section, such as ``<area>.headline``)
        the needs of ``key`` are checked first and, when they are not met, the block is
        skipped without a word: the numbered section that shows the same data says what is
        missing.
        """
        check = needs.check_section(self.workbook, self.month, self.platforms, key) if key else None
        return _Section(self, key, check, quiet=True)

    def days_covered(self, table: str) -> tuple[Any, Any] | None:
        """The first and last day the running section's ``table`` covers, when a daily table
        (a week's listing report) covers part of the month only; None when it covers it all.
        A sentence about that table then names those days, not the month the note above
        says it only partly covers."""
        from storebook.measures.partial import running_checks

        checks = [c for c in running_checks() if isinstance(c, needs.SectionCheck)]
        return checks[-1].days_covered(table) if checks else None

    def takeaway(self, key: str, variant: str | None = None, **values: Any) -> str:
        """Show the section's conclusion: catalogue sentence ``key`` filled with ``values``.

        ``variant`` (given by the facts, e.g. ``none`` when no day was flagged) picks the
        sentence ``<key>.<variant>`` that fits the numbers.
        """
        sentence = self.t(f"{key}.{variant}" if variant else key, **values)
        self._emit("takeaway", f"**→** {sentence}")
        return sentence

    def notice(self, message: str | BaseException) -> None:
        """Show a no-data (or other analyst-facing) message in place of a result.

        The same message as the section directly above (every section of a month without
        traffic) is said briefly, "see above"; anywhere else it is said in full. It read "see
        above" under any earlier notice of the same words, however many sections ran between:
        a reader who comes to the section from the contents found nothing above to see.
        """
        message = self.said(message)
        again = message in self._notices_above
        self.notices.append(message)
        self._notices_here.append(message)
        self._emit("notice", "> " + self.t("page.notice_again") if again else _notice_markdown(self.text, message))

    def said(self, message: str | BaseException) -> str:
        """A notice's words in the page's language (:func:`said_in`)."""
        return said_in(self.text, message)

    def notes(self, messages: list[str]) -> None:
        """Show what a result could not include (a frame's ``attrs["notes"]``) as notices,
        leaving out those about a table the store does not have (the section's own note
        names it already)."""
        absent = [t for t in _all_tables() if not self.workbook.has(t)]
        for message in messages:
            if not any(f"has no '{t}' table" in message for t in absent):
                self.notice(message)

    def show(self, obj: Any) -> None:
        """Show a chart (a matplotlib Figure, as a PNG at report width) or a table
        (a Styler, or a DataFrame formatted with :func:`storebook.report.tables.format_table`)."""
        from IPython.display import HTML, Image
        from matplotlib.figure import Figure

        if self._skipping:
            raise SectionSkipped
        if isinstance(obj, Figure):
            self.shown.append(("figure", obj))
            _display(Image(data=plots.to_png(obj), format="png"))
        elif isinstance(obj, pd.DataFrame):
            self.show(tables.format_table(obj, self.text))
        elif hasattr(obj, "to_html"):
            self.shown.append(("table", obj))
            _display(HTML(obj.to_html()))
        else:
            raise TypeError(f"page.show: cannot show a {type(obj).__name__}; give a Figure, a Styler or a DataFrame")

    @property
    def _shopify(self) -> bool:
        """The store has Shopify data: a how-to may name a Shopify column."""
        return identity.holds_shopify_data(self.workbook.ingest_manifest())

    def _needs_note(self, check: needs.SectionCheck) -> str:
        """The one note of a section that cannot run: what it needs and how to add it."""
        what = self.text.join(check.describe_missing(self.text))
        todo = needs.how_to_add([s.how(self.text, self._shopify) for s in check.missing], self.text)
        return self.t("page.needs", needs=what, todo=todo).strip()

    def _partial_note(self, shortfalls: list[needs.Shortfall]) -> str:
        """What is partial, and how to fill in a column left empty or partly known (a table
        the store lacks is said in a word: the sections that need it say how to add it)."""
        what = needs.SectionCheck("", partial=list(shortfalls)).describe_partial(self.text)
        columns = [s for s in shortfalls if s.column and s.kind in ("empty_column", "empty_column_all", "coverage")]
        todo = needs.how_to_add([s.how(self.text, self._shopify) for s in columns], self.text)
        return needs.sentences([self.t("page.needs.partial", what=self.t("word.semicolon").join(what)), todo], self.text)

    def finish(self) -> None:
        """Record the page's notices (``<area>.notices``: empty when every section had data)
        and each section's status (``<area>.sections``, read by the report index)."""
        results.record(f"{self.area}.notices", list(self.notices))
        results.record(f"{self.area}.sections", list(self.sections))


def _all_tables() -> list[str]:
    from storebook.engine.schema import TABLES

    return list(TABLES)


class _Section:
    """One section (or guarded block): its needs, and a NoDataError inside becomes a notice."""

    def __init__(self, page: Page, key: str | None, check: needs.SectionCheck | None, *, number: int = 0,
                 heading: str = "", quiet: bool = False) -> None:
        self.page = page
        self.key = key
        self.check = check
        self.number = number
        self.heading = heading
        self.quiet = quiet
        self.shown_partial = 0
        self.skipped = False
        self.status = needs.FULL
        self.message = ""
        self.running = None
        self.reading: contextlib.AbstractContextManager[list[str]] | None = None
        self.read: list[str] = []

    def __enter__(self) -> _Section:
        page, check = self.page, self.check
        if check is not None and check.missing:
            if not self.quiet:
                note = page._needs_note(check)
                # "The same data as the section above" only when the section directly above
                # lacked just that: it read so on the traffic page's section 7 (traffic) below
                # section 6 (marketing spend), pointing back past it to section 1. A note the
                # reader cannot see above is said again in full: a manager who comes to the
                # section from the contents reads what to do where it is needed, with no
                # section number to look up.
                again = note in page._notices_above
                page.notices.append(note)
                page._notices_here.append(note)
                page._emit("needs", "> " + (page.t("page.needs.again") if again else note).replace("\n", "\n> "))
            self.skipped = True
            page._skipping = True
            self.status, self.message = needs.NONE, page._needs_note(check)
            return self
        if check is not None and check.partial and not self.quiet:
            page._emit("partial", "> " + page._partial_note(check.partial))
            self.shown_partial = len(check.partial)
        if check is not None:
            self.running = needs.running(check)
            self.running.__enter__()
        results.current_section(self.key)
        self.reading = page.workbook.reading()
        self.read = self.reading.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        page = self.page
        read = sorted(set(self.read))
        if self.reading is not None:
            self.reading.__exit__(None, None, None)
        results.current_section(None)
        if self.running is not None:
            self.running.__exit__(exc_type, exc, tb)
        if self.skipped:
            page._skipping = False
            self._record(read)
            return True  # the note is shown; nothing of the body may reach the page
        handled = False
        if exc is not None and isinstance(exc, NoDataError):
            if not self.quiet:
                page.notice(exc)
            self.status, self.message = needs.NONE, page.said(exc)
            handled = True
        elif exc is None and self.check is not None:
            late = self.check.partial[self.shown_partial:]
            if late and not self.quiet:
                page._emit("partial", "> " + page._partial_note(late))
            self.status = needs.PARTIAL if self.check.partial else needs.FULL
        self._record(read)
        return handled

    def _record(self, read: list[str]) -> None:
        """The section's entry of ``<area>.sections`` (a guarded record's has number 0: the
        index lists numbered sections only; the tests compare its values like a section's)."""
        if self.check is None:
            return
        # The index shows the notes without Markdown emphasis; their code spans it shows as <code>
        # (storebook.report.index_page.note_html).
        notes = ([self.message.replace("**", "")] if self.status == needs.NONE
                 else self.check.describe_partial(self.page.text))
        self.page.sections.append({
            "key": self.key, "number": 0 if self.quiet else self.number, "heading": self.heading,
            "status": self.status,
            "notes": notes, "needs": list(dict.fromkeys(self.check.tables)), "read": read,
            "lacks": self.check.lacking if self.status == needs.NONE else [],
        })


# ----------------------------------------------------------------------------- start

def said_in(text: Text, message: str | BaseException) -> str:
    """A message in ``text``'s language: a NoDataError that names its catalogue text (``key``)
    is said with it; any other message as it stands (an error's own, English)."""
    key = getattr(message, "key", None)
    if key and text.has(key):
        return text(key, **message.values)
    return str(message)


def _show_errors_as_notices(text: Text) -> None:
    """In IPython, show a StorebookError as its message (a notice), not as a traceback."""
    try:
        from IPython import get_ipython
    except ImportError:  # not in a notebook
        return
    shell = get_ipython()
    if shell is None:
        return

    def handler(shell, etype, value, tb, tb_offset=None):  # noqa: ARG001 — IPython's signature
        key = "page.notice" if issubclass(etype, NoDataError) else "page.problem"
        _display(_markdown("> " + text(key, message=said_in(text, value)).replace("\n", "\n> ")))
        # The cell still fails (papermill and the report see ename and message), with a
        # one-line "traceback": the message is what the analyst needs.
        summary = [f"{etype.__name__}: {value}"]
        shell._showtraceback(etype, value, summary)
        return summary

    shell.set_custom_exc((StorebookError,), handler)


def _known_availability(wb: Workbook) -> dict[str, Any]:
    """What the pack that runs this notebook read of the same data (its tables' spans, the
    month's platforms: storebook.report.plan.known_availability), taken into ``wb``'s
    availability; empty when not run by a pack, or when the data are not those it read."""
    import json
    import os
    from datetime import date

    from storebook.report.plan import KNOWN_AVAILABILITY

    try:
        known = json.loads(os.environ.get(KNOWN_AVAILABILITY) or "{}")
        if not known or known.get("data_dir") != str(wb.data_dir) or known.get("fingerprint") != wb.fingerprint:
            return {}
        spans = {table: availability.Span(table, date.fromisoformat(first), date.fromisoformat(last))
                 for table, (first, last) in known["spans"].items()}
    except (ValueError, TypeError, KeyError, AttributeError):  # not ours, or damaged: ask the data
        return {}
    # The pack's month: the plan found rows in it (a month without any stops the plan).
    availability.remember_spans(wb, spans, months_with_data=[known["month"]] if known.get("month") else [])
    return known


def start(area: str, month: str | None = None, platforms: list[str] | str | None = None,
          data_path: str | Path | None = None, language: str = "en") -> Page:
    """Open a report page: workbook, month, platforms, chart style, title.

    Args:
        area: the notebook's area (``traffic``, ``conversion`` …); its title and question
            are ``<area>.title`` and ``<area>.question`` in the text catalogue.
        month: ``YYYY-MM``; None = the last complete month with data (else the month the
            data end in, marked partial).
        platforms: e.g. ``["tmall"]``; None = every platform of the workbook.
        data_path: the folder of processed tables; None = from storebook.toml (or
            ``STOREBOOK_PROCESSED``).
        language: ``en`` or ``zh``, the language of every report-facing string.
    Returns:
        The :class:`Page`.
    Raises:
        NoDataError: no processed data, or no data at all in ``month``.
        StorebookError: an unknown platform or language, a month not written YYYY-MM.

    Example:
        page = start("traffic", month="2026-09", platforms=["tmall"], language="zh")
    """
    text = Text(check_language(language))
    _show_errors_as_notices(text)
    wb = open_workbook(data_path)
    use_currency(wb.identity().currency)
    known = _known_availability(wb)
    chosen_month = availability.resolve_month(wb, month)
    period = chosen_month.period
    chosen = wb.platforms(platforms)
    if platforms not in (None, "", "all", []):
        present = chosen
    elif known.get("month") == period.label and known.get("platforms") == chosen:
        present = list(known.get("present", []))
    else:
        present = availability.present_platforms(wb, period, chosen)
    if known.get("month") == period.label and known.get("platforms") == chosen:
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):  # damaged: the sections ask
            needs.remember_profiles(wb, chosen_month, chosen, known.get("profiles") or {})
    plots.use_house_style()
    # Figures are PNG at report width: keep the inline backend from switching to SVG/retina.
    with contextlib.suppress(Exception), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            # What ``%config InlineBackend.figure_formats = ['png']`` does, without the magic's
            # first step: loading every lazily registered magic (70 ms of each kernel's start).
            from traitlets.config import Config

            png_only = Config()
            png_only.InlineBackend.figure_formats = ["png"]
            for configurable in list(shell.configurables):
                configurable.update_config(png_only)
    page = Page(area=area, workbook=wb, period=period, platforms=chosen, text=text, month=chosen_month,
                present=present)
    page.title()
    return page
