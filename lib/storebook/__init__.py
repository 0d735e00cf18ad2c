"""storebook: the analysis workbook of a multi-platform e-commerce department.

The processed tables, DuckDB in-process:

>>> import storebook
>>> wb = storebook.open()          # doctest: +SKIP
"""

from storebook.config import Config
from storebook.errors import InputError, NoDataError, StorebookError
from storebook.workbook import Workbook, open  # noqa: A004

__all__ = ["Config", "InputError", "NoDataError", "StorebookError", "Workbook", "open"]
__version__ = "0.1.0"
