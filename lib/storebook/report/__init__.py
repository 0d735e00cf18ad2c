"""The report layer: what turns numbers into pages.

A notebook's page (:mod:`~storebook.report.page`: parameters, workbook, sections), the
recorded results (:mod:`~storebook.report.results`), what each section needs
(:mod:`~storebook.report.needs`), tables, charts and the text catalogue in English and 中文
(:mod:`~storebook.report.tables`, :mod:`~storebook.report.plots`,
:mod:`~storebook.report.text`), and the monthly pack (:mod:`~storebook.report.pack`, which
runs it, with :mod:`~storebook.report.plan` for the checked request,
:mod:`~storebook.report.render` for a page's HTML, :mod:`~storebook.report.index_page` for
the index, :mod:`~storebook.report.provenance` for run.json, :mod:`~storebook.report.pdf`
for PDFs and :mod:`~storebook.report.packs` for the published folders).
"""
