"""Areas: one module per report (traffic, conversion, fulfilment …).

An area reads the workbook (:mod:`storebook.engine`) and builds on the shared measures
(:mod:`storebook.measures`). A report notebook reaches an area under its short name
(``storebook.traffic`` is :mod:`storebook.areas.traffic`, see :mod:`storebook`).
"""
