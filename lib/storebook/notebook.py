"""The report page: what every report notebook opens with and writes through.

``page = start("traffic", month=month, platforms=platforms, data_path=data_path,
language=language)`` opens the workbook, resolves and checks the month and the
platforms, applies the house chart style and shows the title and the business question
in the report's language. Then each numbered section is::

    with page.section("traffic.daily"):                      # heading: the section's question
        daily = storebook.traffic.daily_traffic(page.wb, page.period, page.platforms)
        page.show(storebook.plots.daily_trend(daily, page.text, title=page.t("traffic.daily.title", **facts)))
        page.takeaway("traffic.daily.takeaway", **facts)     # a sentence written from the numbers

Every heading and sentence is a Markdown display output from the text catalogue, so the
HTML report (which hides code cells) reads as a report in English or Chinese.

When a section has no data — a month without traffic rows, a platform without marketing
spend — the library raises :class:`storebook.NoDataError` with a clear message. The
``with page.section(...)`` block shows it as a notice and the notebook carries on with
the next section; :meth:`Page.finish` records the notices. Any other ``StorebookError``
raised in a cell (a misspelt month or platform) is shown as a notice instead of a
traceback; the cell still fails, as it should.
"""

from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from storebook import plots, results, tables
from storebook.errors import NoDataError, StorebookError
from storebook.periods import Period
from storebook.text import Text, check_language, use_currency
from storebook.workbook import Workbook
from storebook.workbook import open as open_workbook


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
        wb: the open :class:`storebook.Workbook`.
        period: the month reported.
        platforms: the platforms reported.
        text: the text catalogue in the report's language.
        notices: the no-data messages shown so far.
        shown: what the page displayed, as (kind, content) pairs (for tests and logs).
    """

    area: str
    wb: Workbook
    period: Period
    platforms: list[str]
    text: Text
    notices: list[str] = field(default_factory=list)
    shown: list[tuple[str, Any]] = field(default_factory=list)
    _sections: int = 0

    @property
    def language(self) -> str:
        return self.text.language

    # -- text --------------------------------------------------------------------------
    def t(self, key: str, **values: Any) -> str:
        """The catalogue text of ``key`` in the page's language, with ``values`` filled in."""
        return self.text(key, **values)

    def _emit(self, kind: str, markdown: str) -> None:
        self.shown.append((kind, markdown))
        _display(_markdown(markdown))

    # -- page furniture ----------------------------------------------------------------
    def title(self) -> None:
        """The title, the business question and what the page covers."""
        platforms = self.text.join(self.text.labels("platform", self.platforms))
        self._emit("title", f"# {self.t(f'{self.area}.title', month=self.period.label)}\n\n"
                            f"*{self.t(f'{self.area}.question')}*\n\n"
                            + self.t("page.period", month=self.period.label, platforms=platforms,
                                     data=self.wb.fingerprint[:12] or "–"))

    def section(self, key: str) -> _Section:
        """Show the next numbered heading (the section's question, from ``key``).

        Use it as ``with page.section(key):`` so that a section without data shows a
        notice and the notebook carries on.
        """
        self._sections += 1
        self._emit("section", f"## {self._sections}. {self.t(key)}")
        return _Section(self, key)

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

        The same message twice (every section of a month without traffic) is shown in
        full once, then briefly.
        """
        message = str(message)
        again = message in self.notices
        self.notices.append(message)
        self._emit("notice", "> " + self.t("page.notice_again") if again else _notice_markdown(self.text, message))

    def show(self, obj: Any) -> None:
        """Show a chart (a matplotlib Figure, as a PNG at report width) or a table
        (a Styler, or a DataFrame formatted with :func:`storebook.tables.format_table`)."""
        from IPython.display import HTML, Image
        from matplotlib.figure import Figure

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

    def guard(self) -> _Section:
        """A block whose NoDataError becomes a notice (``with page.guard(): …``)."""
        return _Section(self, None)

    def finish(self) -> None:
        """Record the page's notices (``<area>.notices``: empty when every section had data)."""
        results.record(f"{self.area}.notices", list(self.notices))


class _Section:
    """The context of one section: a NoDataError inside becomes a notice."""

    def __init__(self, page: Page, key: str | None) -> None:
        self.page = page
        self.key = key

    def __enter__(self) -> _Section:
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is not None and isinstance(exc, NoDataError):
            self.page.notice(exc)
            return True
        return False


# ----------------------------------------------------------------------------- start

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
        _display(_markdown("> " + text(key, message=str(value)).replace("\n", "\n> ")))
        # The cell still fails (papermill and the report see ename and message), with a
        # one-line "traceback": the message is what the analyst needs.
        summary = [f"{etype.__name__}: {value}"]
        shell._showtraceback(etype, value, summary)
        return summary

    shell.set_custom_exc((StorebookError,), handler)


def start(area: str, month: str | None = None, platforms: list[str] | str | None = None,
          data_path: str | Path | None = None, language: str = "en") -> Page:
    """Open a report page: workbook, month, platforms, chart style, title.

    Args:
        area: the notebook's area (``traffic``, ``conversion`` …); its title and question
            are ``<area>.title`` and ``<area>.question`` in the text catalogue.
        month: ``YYYY-MM``; None = the last complete month in the data.
        platforms: e.g. ``["tmall"]``; None = every platform of the workbook.
        data_path: the folder of processed tables; None = from storebook.toml (or
            ``STOREBOOK_PROCESSED``).
        language: ``en`` or ``zh``, the language of every report-facing string.
    Returns:
        The :class:`Page`.
    Raises:
        NoDataError: no processed data, or no orders in ``month``.
        StorebookError: an unknown platform or language, a month not written YYYY-MM.

    Example:
        >>> page = start("traffic", month="2026-09", platforms=["tmall"], language="zh")   # doctest: +SKIP
    """
    text = Text(check_language(language))
    _show_errors_as_notices(text)
    wb = open_workbook(data_path)
    use_currency(wb.identity().currency)
    period = wb.period(month)
    chosen = wb.platforms(platforms)
    plots.use_house_style()
    # Figures are PNG at report width: keep the inline backend from switching to SVG/retina.
    with contextlib.suppress(Exception), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            shell.run_line_magic("config", "InlineBackend.figure_formats = ['png']")
    page = Page(area=area, wb=wb, period=period, platforms=chosen, text=text)
    page.title()
    return page
