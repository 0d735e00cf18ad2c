"""What the readers agree to read: size and row limits, and declared encodings.

Ingest sets the policy of a workbook (``[ingest]`` in storebook.toml) around the reading
of its files with :func:`reading_policy`; a reader asks :func:`current_policy`. Outside
ingest (a test, a notebook calling a reader) the defaults hold.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from storebook.errors import InputError, Said

CONFIG_HINT = "storebook.toml"


@dataclass(frozen=True)
class ReadPolicy:
    """Limits and declarations that apply to every raw file of a workbook.

    Attributes:
        max_file_mb: the largest file read, in MB.
        max_rows: the most rows (CSV lines, sheet rows) read from one file.
        max_xlsx_uncompressed_mb: the largest total size of a workbook's unpacked parts.
        encodings: (pattern relative to data/raw, encoding) pairs, first match wins.
        raw_root: the raw folder the patterns are relative to.
    """

    max_file_mb: float = 2048
    max_rows: int = 20_000_000
    max_xlsx_uncompressed_mb: float = 100
    encodings: tuple[tuple[str, str], ...] = ()
    raw_root: Path | None = None

    @classmethod
    def from_config(cls, config) -> ReadPolicy:  # noqa: ANN001 - storebook.engine.config.Config
        return cls(max_file_mb=config.max_file_mb, max_rows=config.max_rows,
                   max_xlsx_uncompressed_mb=config.max_xlsx_uncompressed_mb,
                   encodings=tuple(config.raw_encodings.items()), raw_root=config.raw_dir)

    def encoding_for(self, path: Path) -> str | None:
        """The encoding declared for ``path`` under ``[ingest.encodings]``, if any."""
        if not self.encodings or self.raw_root is None:
            return None
        try:
            rel = path.relative_to(self.raw_root).as_posix()
        except ValueError:
            return None
        return next((enc for pattern, enc in self.encodings if fnmatch.fnmatch(rel, pattern)), None)

    def relative(self, path: Path) -> str:
        """``path`` as a pattern under data/raw would name it (for messages)."""
        if self.raw_root is not None:
            try:
                return path.relative_to(self.raw_root).as_posix()
            except ValueError:
                pass
        return path.name

    def check_size(self, path: Path, size: int) -> None:
        """Stop when a file is larger than ``max_file_mb``."""
        if size > self.max_file_mb * 1e6:
            raise InputError(path, f"the file is {size / 1e6:,.0f} MB, above the limit of {self.max_file_mb:,.0f} MB",
                             expected=f"files up to [ingest] max_file_mb = {self.max_file_mb:g} ({CONFIG_HINT})",
                             todo="split the export (by month, say), or raise max_file_mb under [ingest] in "
                                  f"{CONFIG_HINT} if the machine has the memory (about 5x the file size)",
                             key="error.input.too_large",
                             values={"mb": f"{size / 1e6:,.0f}", "limit": f"{self.max_file_mb:,.0f}",
                                     "setting": f"{self.max_file_mb:g}", "config": CONFIG_HINT})

    def check_rows(self, path: Path, rows: int, what: str = "lines") -> None:
        """Stop when a file holds more than ``max_rows`` rows."""
        if rows > self.max_rows:
            raise InputError(path, f"the file holds more than {self.max_rows:,} {what}",
                             expected=f"at most [ingest] max_rows = {self.max_rows} rows a file ({CONFIG_HINT})",
                             todo=f"split the export, or raise max_rows under [ingest] in {CONFIG_HINT}",
                             key="error.input.too_many_rows",
                             values={"limit": f"{self.max_rows:,}", "setting": str(self.max_rows), "config": CONFIG_HINT,
                                     "what": Said("error.input.rows." + ("sheet" if what.startswith("rows on sheet ") else what),
                                                  {"sheet": what.removeprefix("rows on sheet ").strip("'")})})


_DEFAULT = ReadPolicy()
_POLICY: ContextVar[ReadPolicy | None] = ContextVar("storebook_read_policy", default=None)


def current_policy() -> ReadPolicy:
    """The policy in force (the defaults outside :func:`reading_policy`)."""
    return _POLICY.get() or _DEFAULT


@contextmanager
def reading_policy(policy: ReadPolicy) -> Iterator[ReadPolicy]:
    """Read files under ``policy`` inside the ``with`` block."""
    token = _POLICY.set(policy)
    try:
        yield policy
    finally:
        _POLICY.reset(token)
